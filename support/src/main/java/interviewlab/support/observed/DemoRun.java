package interviewlab.support.observed;

import interviewlab.support.faults.FaultEvent;
import interviewlab.support.faults.FaultLog;
import interviewlab.support.figures.ChartSpec;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.LabImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a topic's demo: the narrator it tells its story with, the outcomes it records, and the verdicts its
 * checkers reached. It ends with a tally, and the process fails when a verdict contradicts a claim, so
 * {@code ./lab test}, which runs every demo, goes red when a demo shows something its doc says cannot happen.
 */
public final class DemoRun {
    /** What a demo does with its run. */
    public interface Body {
        void run(DemoRun run) throws Exception;
    }

    private final String topic;
    private final Class<?> demo;
    private final List<String> versions;
    private final Narrator narrator = new Narrator();
    private final Instant started = Instant.now();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    private DemoRun(String topic, Class<?> demo, List<String> versions) {
        this.topic = topic;
        this.demo = demo;
        this.versions = List.copyOf(versions);
    }

    /**
     * Runs a demo and exits: 0 when it finished and nothing it observed contradicts a claim, 1 otherwise.
     *
     * @param versions what the demo runs, for the outcomes' stamp, for example "Redis 8.0.2"
     */
    public static void main(String topic, Class<?> demo, List<String> versions, Body body) {
        DemoRun run = new DemoRun(topic, demo, versions);
        int status;
        try {
            body.run(run);
            status = run.finish();
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("demo " + topic + " failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Whether to run the quick version: {@code ./lab test} sets LAB_QUICK=1, where a demo only has to run, beside other
     * jobs. A demo shrinks only what no verdict's bound depends on, and says in its titles that the run was quick.
     */
    public static boolean quick() {
        return "1".equals(System.getenv("LAB_QUICK"));
    }

    /**
     * The scenarios a demo runs: all of them, or in the quick version only the ones given. The tests run every
     * scenario with the same checker; the quick version only has to take each path of the demo's own code once.
     */
    public static <T> List<T> scenarios(List<T> all, List<T> inTheQuickVersion) {
        if (inTheQuickVersion.isEmpty() || !all.containsAll(inTheQuickVersion)) {
            throw new IllegalArgumentException(
                    "the quick version runs some of the scenarios " + all + ", not " + inTheQuickVersion);
        }
        return List.copyOf(quick() ? inTheQuickVersion : all);
    }

    /** For a title: " (quick version: 3 of the 13 runs)" where the quick version kept fewer scenarios, else nothing. */
    public static String keptInTheQuickVersion(List<?> kept, List<?> all, String what) {
        return kept.size() < all.size()
                ? String.format(" (quick version: %d of the %d %s)", kept.size(), all.size(), what)
                : "";
    }

    public Narrator narrator() {
        return narrator;
    }

    /** When the run started: faults since then belong to it. */
    public Instant started() {
        return started;
    }

    /** The faults done since the run started, for an outcome's record. */
    public List<FaultEvent> faultsSoFar() {
        return FaultLog.since(started);
    }

    /** Prints a verdict and counts it. */
    public void verdict(Verdict verdict) {
        verdicts.add(verdict);
        narrator.verdict(verdict);
    }

    /** Prints an outcome's table and verdicts, and writes it to the module's target/observed/NAME.json. */
    public Outcome record(Observation observation) {
        narrator.scenario(observation.title());
        List<List<String>> table = new ArrayList<>();
        table.add(observation.columns());
        table.addAll(observation.rows());
        narrator.table(table);
        // A verdict the demo printed already, as its scenario ended, is not printed or counted again.
        observation.verdicts().stream()
                .filter(verdict -> verdicts.stream().noneMatch(given -> given == verdict))
                .forEach(this::verdict);
        Outcome outcome = observation.outcome(topic, started, Stamp.now(versions));
        outcome.write(observedDir().resolve(outcome.name() + ".json"));
        outcomes.add(outcome);
        return outcome;
    }

    /** The tally, and the exit status: 1 when any verdict contradicts its claim. */
    private int finish() {
        long shown = count(Verdict.Kind.SHOWN);
        long notShown = count(Verdict.Kind.NOT_SHOWN);
        long contradicted = count(Verdict.Kind.CONTRADICTED);
        narrator.scenario(String.format(
                "%s: %d verdict(s) shown, %d not shown by this run, %d contradicted",
                topic, shown, notShown, contradicted));
        verdicts.stream()
                .filter(Verdict::contradicts)
                .forEach(verdict -> System.err.println("demo " + topic + ": " + verdict.line()));
        System.out.println();
        try {
            Path report = report().write(observedDir().resolveSibling("demo-report.html"));
            System.out.println("The report of this run, with its timeline and charts: " + report.toUri());
        } catch (RuntimeException e) {
            // The run and its verdicts stand without their page.
            System.out.println("No report of this run: " + e.getMessage());
        }
        return contradicted == 0 ? 0 : 1;
    }

    /** This run as a page: its narration and faults in time order, its outcomes, the doc's charts of them. */
    private DemoReport report() {
        return new DemoReport(topic, started, narrator.events(), faultsSoFar(), outcomes, chartsOf(topic, outcomes));
    }

    /** The charts the topic's doc declares of these outcomes. */
    static List<ChartSpec> chartsOf(String topic, List<Outcome> outcomes) {
        List<String> recorded = outcomes.stream().map(Outcome::name).toList();
        try {
            return ChartSpec.declaredIn(Files.readAllLines(topicDoc(LabImages.projectRoot(), topic))).stream()
                    .filter(chart -> recorded.contains(chart.outcome()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the doc of " + topic, e);
        }
    }

    /** A topic's doc, as ./lab and the ledger name it: the toolkit's for support, docs/TOPIC.md for the others. */
    public static Path topicDoc(Path root, String topic) {
        return root.resolve("docs").resolve(topic.equals("support") ? "toolkit.md" : topic + ".md");
    }

    private long count(Verdict.Kind kind) {
        return verdicts.stream().filter(verdict -> verdict.kind() == kind).count();
    }

    /**
     * The demo module's target/observed, beside target/classes where ./lab runs the demo from; a quick run's go to
     * target/observed-quick, which {@code ./lab docs} never reads, so a doc shows only full runs.
     */
    private Path observedDir() {
        try {
            Path classes = Path.of(
                    demo.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().resolve(quick() ? "observed-quick" : "observed");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + demo.getName() + " was loaded from", e);
        }
    }
}
