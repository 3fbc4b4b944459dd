package interviewlab.support.ledger;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The claims joined with the last test results, written to target/ledger.md: for each claim, each test that names
 * it and what became of that test. A claim passes only when every one of its tests passed.
 */
final class Report {
    static final String FILE = "target/ledger.md";
    private final Repo repo;

    Report(Path root) {
        this.repo = new Repo(root);
    }

    /** One claim and one of its tests; test is null when no test names the claim. */
    record Row(DocClaim claim, TestClaim test, TestResults.Result result) {
        String testName() {
            return test == null ? "no test" : test.simpleName();
        }

        String time() {
            return result.status() == Status.NOT_RUN ? "—" : String.format(Locale.ROOT, "%.1f s", result.seconds());
        }
    }

    /** The rows of the claims in scope and how the claims fared. */
    record Written(List<Row> rows, int passed, int failed, int notRun) {
        int claims() {
            return passed + failed + notRun;
        }

        boolean allPassed() {
            return failed == 0 && notRun == 0;
        }

        String tally() {
            return Check.plural(claims(), "claim") + ": " + passed + " passed, " + failed + " failed, " + notRun
                    + " not run";
        }

        String closingLine() {
            return "ledger: " + tally();
        }

        /** The compact table for the terminal: claim, result, time, Class.method, in aligned columns. */
        String table() {
            int idWidth = rows.stream()
                    .mapToInt(row -> row.claim().id().length())
                    .max()
                    .orElse(0);
            int timeWidth =
                    rows.stream().mapToInt(row -> row.time().length()).max().orElse(0);
            return rows.stream()
                    .map(row -> String.format(
                            "  %-" + idWidth + "s  %-7s  %" + timeWidth + "s  %s",
                            row.claim().id(),
                            row.result().status().label(),
                            row.time(),
                            row.testName()))
                    .collect(Collectors.joining("\n"));
        }
    }

    /**
     * Writes the ledger of one topic's doc, or of every doc when topic is null. The check's problems are listed at
     * the top, because a ledger built on an inconsistent repo must say so.
     *
     * <p>Only this run's results count: those of the module that {@code ./lab test topic} ran, or of every module
     * for {@code ./lab test}, which clears those modules' reports before it runs them. Another module's reports are
     * from an earlier run, and would let a claim pass on a test this run did not run. The ledger cannot tell a run
     * by time instead: nothing tells it when the run started, and file times change when a target folder is copied
     * or restored from a cache.
     */
    Written write(String topic, Check.Outcome checked) {
        List<Path> modulesRun = topic == null ? repo.modules() : List.of(repo.moduleOf(topic));
        Map<String, TestResults.Result> results = new TestResults(repo.root()).read(modulesRun);
        Map<String, List<Row>> rowsByDoc = new LinkedHashMap<>();
        int passed = 0;
        int failed = 0;
        int notRun = 0;
        String scope = topic == null ? null : repo.relative(repo.docOf(topic));
        for (DocClaim claim : checked.claims()) {
            if (scope != null && !scope.equals(claim.doc())) {
                continue;
            }
            List<Row> rows = rowsOf(claim, checked.tests(), results);
            rowsByDoc.computeIfAbsent(claim.doc(), doc -> new ArrayList<>()).addAll(rows);
            switch (statusOf(rows)) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                default -> notRun++;
            }
        }
        Written written =
                new Written(rowsByDoc.values().stream().flatMap(List::stream).toList(), passed, failed, notRun);
        repo.write(repo.root().resolve(FILE), markdown(topic, checked.problems(), rowsByDoc, written));
        return written;
    }

    private static List<Row> rowsOf(DocClaim claim, List<TestClaim> tests, Map<String, TestResults.Result> results) {
        List<Row> rows = tests.stream()
                .filter(test -> test.id().equals(claim.id()))
                .map(test -> new Row(
                        claim,
                        test,
                        results.getOrDefault(
                                TestResults.key(test.className(), test.method()), TestResults.Result.NOT_RUN)))
                .toList();
        return rows.isEmpty() ? List.of(new Row(claim, null, TestResults.Result.NOT_RUN)) : rows;
    }

    /** PASSED when every test passed, FAILED when any failed, otherwise (skipped, not run, no test) NOT RUN. */
    private static Status statusOf(List<Row> rows) {
        if (rows.stream().anyMatch(row -> row.result().status() == Status.FAILED)) {
            return Status.FAILED;
        }
        boolean allPassed =
                rows.stream().allMatch(row -> row.test() != null && row.result().status() == Status.PASSED);
        return allPassed ? Status.PASSED : Status.NOT_RUN;
    }

    private String markdown(String topic, List<Problem> problems, Map<String, List<Row>> rowsByDoc, Written written) {
        StringBuilder md = new StringBuilder("# Claims ledger\n\n");
        md.append("Written ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                .append(topic == null ? " for every topic" : " for topic " + topic)
                .append(". ")
                .append(written.tally())
                .append(".\n");
        if (!problems.isEmpty()) {
            md.append("\n## Problems the check found\n\n");
            problems.forEach(problem -> md.append("- `").append(problem).append("`\n"));
        }
        rowsByDoc.forEach((doc, rows) -> {
            Path docPath = repo.root().resolve(doc);
            md.append("\n## ")
                    .append(repo.topicOf(docPath).orElse(doc))
                    .append("\n\n")
                    .append("Claims declared in [")
                    .append(doc)
                    .append("](")
                    .append(fromLedger(docPath))
                    .append(").\n\n")
                    .append("| Claim | Statement | Test | Result | Time |\n")
                    .append("|---|---|---|---|---|\n");
            for (Row row : rows) {
                String test = row.test() == null
                        ? "no test"
                        : "[" + row.testName() + "]("
                                + fromLedger(repo.root().resolve(row.test().file())) + "#L"
                                + row.test().line() + ")";
                md.append("| ")
                        .append(row.claim().id())
                        .append(" | ")
                        .append(cell(row.claim().statement()))
                        .append(" | ")
                        .append(test)
                        .append(" | ")
                        .append(row.result().status().label())
                        .append(" | ")
                        .append(row.time())
                        .append(" |\n");
            }
        });
        return md.toString();
    }

    /** A link target from target/ledger.md to a file in the repo. */
    private String fromLedger(Path file) {
        return repo.root().resolve(FILE).getParent().relativize(file).toString().replace('\\', '/');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
