package interviewlab.support.observed;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.figures.ChartSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A demo is a process of its own, as ./lab runs it: its exit status is what ./lab test sees. Each test runs
 * {@link VerdictDemo} in a new JVM and reads what it printed, what it wrote, and how it exited.
 */
class DemoRunTest {
    private static final Path OUTCOME = Path.of("target/observed/verdict-demo.json");
    private static final Path QUICK_OUTCOME = Path.of("target/observed-quick/verdict-demo.json");
    private static final Path REPORT = Path.of("target/demo-report.html");

    @Test
    @Claim("TK-17")
    void aDemoWhoseCheckHoldsExitsZeroAndWritesWhatItObserved() throws Exception {
        // given / when
        Files.deleteIfExists(OUTCOME);
        Ran demo = runDemo("shown");

        // then
        assertThat(demo.exit())
                .as("a demo whose verdicts hold exits 0 (%s)", demo.out())
                .isZero();
        assertThat(demo.out())
                .as("it prints the verdict its check computed")
                .contains("verdict TK-17 shown: nothing lost");
        assertThat(demo.out()).as("the full version runs every scenario").contains("runs [first, second, third]");
        Outcome outcome = Outcome.read(OUTCOME);
        assertThat(outcome.rows()).as("the outcome holds the observed figure").containsExactly(java.util.List.of("0"));
        assertThat(outcome.verdicts()).extracting(Verdict::kind).containsExactly(Verdict.Kind.SHOWN);
        assertThat(outcome.source()).as("and names the class that recorded it").isEqualTo(VerdictDemo.class.getName());
    }

    @Test
    @Claim("TK-17")
    void aDemoThatObservesWhatItsClaimForbidsExitsOne() throws Exception {
        // given / when
        Ran demo = runDemo("contradicted");

        // then
        assertThat(demo.exit())
                .as("a contradicted verdict fails the demo, and so ./lab test (%s)", demo.out())
                .isEqualTo(1);
        assertThat(demo.out())
                .as("it says which claim the run contradicts, and what it observed")
                .contains("verdict TK-17 CONTRADICTED: 3 lost");
    }

    @Test
    @Claim("TK-17")
    void aQuickRunWritesItsOutcomeWhereLabDocsDoesNotRead() throws Exception {
        // given / when: the demo runs as ./lab test runs it
        Files.deleteIfExists(OUTCOME);
        Files.deleteIfExists(QUICK_OUTCOME);
        Ran demo = runDemo("shown", true);

        // then
        assertThat(demo.exit()).as("the quick run exits 0 (%s)", demo.out()).isZero();
        assertThat(QUICK_OUTCOME)
                .as("a quick run's outcome goes to target/observed-quick")
                .exists();
        assertThat(OUTCOME).as("and never where ./lab docs reads a full run's").doesNotExist();
        assertThat(demo.out())
                .as("the quick version runs only the scenarios it keeps")
                .contains("runs [second]")
                .doesNotContain("[first");
    }

    @Test
    @Claim("TK-22")
    void aDemoRunWritesItsReportWithItsFaultsAndPrintsWhereItIs() throws Exception {
        // given / when: a demo that pauses a container and heals it
        Files.deleteIfExists(REPORT);
        Ran demo = runDemo("with-a-fault");

        // then
        assertThat(demo.exit()).as("the demo ran (%s)", demo.out()).isZero();
        assertThat(demo.out())
                .as("the demo prints where its report is")
                .contains("The report of this run, with its timeline and charts: "
                        + REPORT.toAbsolutePath().toUri());
        String report = Files.readString(REPORT);
        assertThat(report)
                .as("the report holds what the run narrated and the verdict it reached")
                .contains("runs [first, second, third]", "TK-17 shown</b>: nothing lost");
        int pausing = report.indexOf("pausing the shell");
        int pause = report.indexOf("<span class=\"who\">shell</span> pause</li>");
        int heal = report.indexOf("<span class=\"who\">shell</span> heal pause</li>");
        int runsAgain = report.indexOf("the shell runs again");
        assertThat(List.of(pausing, pause, heal, runsAgain))
                .as("the pause and its heal, from the fault log, in their places among the lines the demo told")
                .doesNotContain(-1)
                .isSorted();
        assertThat(report)
                .as("and marked as faults")
                .contains("<li class=\"fault\">", "</time><span class=\"who\">shell</span> pause</li>");
    }

    @Test
    @Claim("TK-22")
    void aReportDrawsTheChartsTheTopicsDocDeclaresOfTheRunsOutcomes() {
        // given: a run of the toolkit's demo recorded the ready times, and another outcome no chart draws
        List<Outcome> recorded = List.of(outcomeNamed("ready-times"), outcomeNamed("verdict-demo"));

        // when
        List<ChartSpec> charts = DemoRun.chartsOf("support", recorded);

        // then
        assertThat(charts)
                .extracting(ChartSpec::name)
                .as("docs/toolkit.md's chart of the ready times, and nothing for an outcome it does not draw")
                .containsExactly("ready-times");
    }

    private static Outcome outcomeNamed(String name) {
        return new Outcome(
                name,
                "support",
                VerdictDemo.class.getName(),
                "title",
                new Stamp("2026-12-04T10:00Z", 2, 24.0, "20.10.24", List.of()),
                List.of("service", "ready in"),
                List.of(List.of("redis", "0.5 s")),
                List.of(),
                List.of());
    }

    private record Ran(int exit, String out) {}

    private static Ran runDemo(String mode) throws IOException, InterruptedException {
        return runDemo(mode, false);
    }

    private static Ran runDemo(String mode, boolean quick) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        VerdictDemo.class.getName(),
                        mode)
                .redirectErrorStream(true);
        builder.environment().remove("LAB_QUICK");
        if (quick) {
            builder.environment().put("LAB_QUICK", "1");
        }
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the demo did not end within 60 s");
        }
        return new Ran(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
