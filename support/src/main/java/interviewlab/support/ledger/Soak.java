package interviewlab.support.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilder;

/**
 * What ./lab soak found: the same tests (and demos) run N times, each run's results kept under
 * {@code target/soak/run-K} (Surefire's reports, and each job's exit status in {@code jobs/JOB.status}). Per test
 * and per job: in how many runs it failed, and the first failure's reason.
 */
final class Soak {
    /** One test method or job across the runs. */
    record Tally(String name, int runs, int failed, String firstFailure) {
        Tally plus(boolean failedNow, String reason) {
            return new Tally(
                    name,
                    runs + 1,
                    failed + (failedNow ? 1 : 0),
                    firstFailure == null && failedNow ? reason : firstFailure);
        }
    }

    /** All of it: how many runs, and each name's tally, in name order. */
    record Result(int runs, List<Tally> tallies) {
        List<Tally> failing() {
            return tallies.stream().filter(t -> t.failed() > 0).toList();
        }

        String table() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT,
                    "soak: %d run(s); %d test(s) and job(s); %d of them failed at least once",
                    runs,
                    tallies.size(),
                    failing().size()));
            for (Tally t : failing()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  %-90s failed %d of %d; first: %s",
                        t.name(),
                        t.failed(),
                        t.runs(),
                        t.firstFailure()));
            }
            return String.join("\n", lines);
        }
    }

    private final Repo repo;
    private final TestResults results;

    Soak(Path root) {
        this.repo = new Repo(root);
        this.results = new TestResults(root);
    }

    Result read(Path soakDir) {
        List<Path> runs = repo.filesUnder(soakDir).stream()
                .map(soakDir::relativize)
                .filter(p -> p.getNameCount() > 1)
                .map(p -> soakDir.resolve(p.getName(0)))
                .distinct()
                .sorted()
                .toList();
        Map<String, Tally> tallies = new TreeMap<>();
        DocumentBuilder parser = TestResults.parser();
        for (Path run : runs) {
            for (Path file : repo.filesUnder(run)) {
                String name = file.getFileName().toString();
                String where = run.getFileName() + "/" + run.relativize(file);
                if (name.startsWith("TEST-") && name.endsWith(".xml")) {
                    testcases(parser, file).forEach((test, reason) -> count(tallies, test, reason, where));
                } else if (name.endsWith(".status")) {
                    String job = "job " + name.substring(0, name.length() - ".status".length());
                    String status = text(file).strip();
                    count(
                            tallies,
                            job,
                            status.equals("0") ? null : "exit " + status + "; log: " + where.replace(".status", ".log"),
                            where);
                }
            }
        }
        return new Result(runs.size(), List.copyOf(tallies.values()));
    }

    private static void count(Map<String, Tally> tallies, String name, String reason, String where) {
        String located = reason == null ? null : reason + " (" + where.substring(0, where.indexOf('/')) + ")";
        tallies.merge(
                name,
                new Tally(name, 1, reason == null ? 0 : 1, located),
                (a, b) -> a.plus(b.failed() > 0, b.firstFailure()));
    }

    /** Each test method of a report, with the reason of its first failed run there, or null if it passed. */
    private Map<String, String> testcases(DocumentBuilder parser, Path report) {
        Map<String, String> found = new TreeMap<>();
        results.testcases(parser, report, (test, testcase) -> {
            String reason = TestResults.failureOf(testcase);
            found.merge(test, reason == null ? "" : reason, (a, b) -> a.isEmpty() ? b : a);
        });
        found.replaceAll((test, reason) -> reason.isEmpty() ? null : reason);
        return found;
    }

    private String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("cannot read " + repo.relative(file) + ": " + e.getMessage());
        }
    }
}
