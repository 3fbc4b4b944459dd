package interviewlab.support.ledger;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims ledger: keeps the docs honest. Each claim a doc makes is proved by a named test, every link in the
 * docs leads somewhere, and the code they show is the code that runs. ./lab runs it from the repo root:
 * {@code java -cp support/target/classes interviewlab.support.ledger.Ledger <command> [topic]}.
 */
public final class Ledger {
    private static final int OK = 0;
    private static final int FOUND_PROBLEMS = 1;
    private static final int USAGE = 2;
    private static final String USAGE_TEXT = """
            usage: Ledger <command> [topic]
              check           the docs' claims, links and snippets agree with the tests and sources
              snippets        rewrite the snippets in the docs from the sources they mark
              observed        copy the demos' latest outcomes to docs/observed and render the docs' observed regions
              report [topic]  check, then join the claims with the test results into %s
              soak DIR        per test and job, how many of the runs kept under DIR (run-1, run-2, ...) failed it, and why""".formatted(Report.FILE);

    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    Ledger(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Ledger(Path.of("").toAbsolutePath(), System.out, System.err).run(args));
    }

    /** Runs one command and returns the exit code: 0 all good, 1 problems found, 2 not understood. */
    int run(String... args) {
        List<String> words = List.of(args);
        String command = words.isEmpty() ? "" : words.get(0);
        try {
            if (command.equals("check") && words.size() == 1) {
                return check();
            }
            if (command.equals("snippets") && words.size() == 1) {
                return snippets();
            }
            if (command.equals("observed") && words.size() == 1) {
                return observed();
            }
            if (command.equals("soak") && words.size() == 2) {
                return soak(root.resolve(words.get(1)));
            }
            if (command.equals("report") && words.size() <= 2) {
                return report(words.size() == 2 ? words.get(1) : null);
            }
        } catch (LedgerException e) {
            err.println("ledger: " + e.getMessage());
            return FOUND_PROBLEMS;
        }
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int check() {
        Check.Outcome checked = new Check(root).run();
        checked.problems().forEach(out::println);
        if (!checked.clean()) {
            out.println("ledger: " + Check.plural(checked.problems().size(), "problem"));
            return FOUND_PROBLEMS;
        }
        out.println(checked.summary());
        return OK;
    }

    private int snippets() {
        Scanned<Path> rewritten = new Snippets(root).rewrite();
        rewritten.problems().forEach(out::println);
        if (!rewritten.problems().isEmpty()) {
            out.println(
                    "ledger: no doc written; fix " + (rewritten.problems().size() == 1 ? "this" : "these") + " first");
            return FOUND_PROBLEMS;
        }
        Repo repo = new Repo(root);
        rewritten.found().forEach(doc -> out.println("ledger: updated " + repo.relative(doc)));
        if (rewritten.found().isEmpty()) {
            out.println("ledger: every snippet in the docs is up to date");
        }
        return OK;
    }

    private int observed() {
        Scanned<Path> regions = new ObservedRegions(root).rewrite();
        Scanned<Path> charts = new ChartRegions(root).rewrite();
        Scanned<Path> rewritten =
                new Scanned<>(concat(regions.found(), charts.found()), concat(regions.problems(), charts.problems()));
        Repo repo = new Repo(root);
        rewritten.found().forEach(file -> out.println("ledger: updated " + repo.relative(file)));
        rewritten.problems().forEach(out::println);
        if (!rewritten.problems().isEmpty()) {
            out.println("ledger: the docs with these problems were left as they are; fix "
                    + (rewritten.problems().size() == 1 ? "it" : "them") + " first");
            return FOUND_PROBLEMS;
        }
        if (rewritten.found().isEmpty()) {
            out.println("ledger: every observed region and chart in the docs is up to date");
        }
        return OK;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private int soak(Path dir) {
        Soak.Result result = new Soak(root).read(dir);
        if (result.runs() == 0) {
            err.println("ledger: no runs under " + dir + ": ./lab soak keeps each run's results there");
            return FOUND_PROBLEMS;
        }
        out.println(result.table());
        return result.failing().isEmpty() ? OK : FOUND_PROBLEMS;
    }

    private int report(String topic) {
        List<String> topics = new Repo(root).topics();
        if (topic != null && !topics.contains(topic)) {
            err.println("ledger: there is no topic '" + topic + "'; the topics are: " + String.join(", ", topics));
            return USAGE;
        }
        Check.Outcome checked = new Check(root).run();
        checked.problems().forEach(out::println);
        if (!checked.clean()) {
            out.println(
                    "ledger: the check found " + Check.plural(checked.problems().size(), "problem"));
        }
        Report.Written written = new Report(root).write(topic, checked);
        if (!written.rows().isEmpty()) {
            out.println(written.table());
        }
        out.println(written.closingLine());
        out.println("ledger written to " + Report.FILE);
        return checked.clean() && written.allPassed() ? OK : FOUND_PROBLEMS;
    }
}
