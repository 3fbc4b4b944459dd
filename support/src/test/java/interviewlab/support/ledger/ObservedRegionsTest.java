package interviewlab.support.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Outcome;
import interviewlab.support.observed.Stamp;
import interviewlab.support.observed.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test builds a miniature repo in a temporary folder: a doc with an observed region, the demo class that names
 * the outcome, and the outcome that demo wrote to its build output; then it breaks one thing and runs the ledger the
 * way ./lab docs and ./lab test do.
 */
class ObservedRegionsTest {
    private static final String DEMO_SOURCE = "support/src/main/java/demo/ProbeDemo.java";
    private static final String DEMO_CLASS = "demo.ProbeDemo";
    private static final String NAME = "probe-times";
    private static final String DOC = "docs/toolkit.md";

    @TempDir
    Path root;

    @Test
    @Claim("TK-16")
    void labDocsRendersTheLatestOutcomeIntoItsRegionAndASecondRunChangesNothing() throws IOException {
        // given: a demo wrote its outcome; the doc's region is still empty
        repoWithRegion();
        demoWrote(outcome("1.5 s"));

        // when
        Run first = ledger("observed");
        String docAfterFirst = read(DOC);
        String dataAfterFirst = read("docs/observed/" + NAME + ".json");
        Run second = ledger("observed");

        // then
        assertThat(first.exit()).as("./lab docs succeeds").isZero();
        assertThat(docAfterFirst)
                .as("the region shows the outcome's table, its verdict and where it was observed")
                .contains(
                        "| service | ready in |",
                        "| redis | 1.5 s |",
                        "- ready **shown**: redis answered in 1.5 s",
                        "([data](observed/" + NAME + ".json))",
                        "2026-12-02 05:00 UTC, 2 cores, 24.0 GiB, Docker 20.10.24; Redis 8.0.2");
        assertThat(dataAfterFirst)
                .as("the outcome is kept beside the docs, so the figures keep their data")
                .isEqualTo(read("support/target/observed/" + NAME + ".json"));
        assertThat(second.out())
                .as("a second ./lab docs finds nothing to do")
                .containsExactly("ledger: every observed region and chart in the docs is up to date");
        assertThat(read(DOC)).as("a second ./lab docs leaves the doc as it was").isEqualTo(docAfterFirst);
        Run check = ledger("check");
        assertThat(check.exit())
                .as("the ledger finds nothing wrong once the docs are rendered: %s", check.out())
                .isZero();
    }

    @Test
    @Claim("TK-16")
    void aFigureTypedIntoARegionByHandFailsTheLedger() throws IOException {
        // given: a rendered region, then one figure edited by hand
        repoWithRegion();
        demoWrote(outcome("1.5 s"));
        ledger("observed");
        write(DOC, read(DOC).replace("| redis | 1.5 s |", "| redis | 0.5 s |"));

        // when
        Run check = ledger("check");

        // then
        assertThat(check.exit()).as("a hand-edited figure is a problem").isEqualTo(1);
        assertThat(check.out())
                .as("the ledger names the region and the fix")
                .anyMatch(line -> line.startsWith(DOC + ":")
                        && line.contains("observed region '" + NAME + "' differs from docs/observed/" + NAME
                                + ".json; run ./lab docs"));
    }

    @Test
    @Claim("TK-16")
    void aRegionWithNoOutcomeFailsTheLedger() throws IOException {
        // given: the region, and no demo has written its outcome
        repoWithRegion();

        // when
        Run check = ledger("check");
        Run docs = ledger("observed");

        // then
        assertThat(check.exit())
                .as("a region nothing has observed is a problem")
                .isEqualTo(1);
        assertThat(check.out())
                .anyMatch(line ->
                        line.contains("observed region '" + NAME + "' has no outcome docs/observed/" + NAME + ".json"));
        assertThat(docs.exit())
                .as("./lab docs cannot render it either, and says so")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-16")
    void anOutcomeThatNoCodeProducesFailsTheLedger() throws IOException {
        // given: the outcome is there, but the class that recorded it no longer names it
        repoWithRegion();
        demoWrote(outcome("1.5 s"));
        ledger("observed");
        write(DEMO_SOURCE, "package demo;\n\n// once recorded \"" + NAME + "\"\nclass ProbeDemo {\n}\n");

        // when
        Run check = ledger("check");

        // then
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out())
                .as("a figure no code can produce again is a figure typed by hand; a comment naming it does not count")
                .anyMatch(line -> line.contains("observed region '" + NAME + "': no code produces it"));
    }

    @Test
    @Claim("TK-16")
    void aMeasuredTableOutsideAnyRegionFailsTheLedger() throws IOException {
        // given: a table typed into a measured section
        repoWithRegion();
        demoWrote(outcome("1.5 s"));
        ledger("observed");
        write(DOC, read(DOC) + "\n## Trade-offs (measured)\n\n| service | ready in |\n|---|---|\n| redis | 0.1 s |\n");

        // when
        Run check = ledger("check");

        // then
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out())
                .as("one problem, at the table's first line")
                .filteredOn(line -> line.contains("a table in a measured section outside an observed region"))
                .hasSize(1)
                .allMatch(line -> line.startsWith(DOC + ":"));
    }

    @Test
    @Claim("TK-16")
    void aContradictedVerdictOrOneOnAnUndeclaredClaimFailsTheLedger() throws IOException {
        // given: a run whose checker contradicted a claim, and one whose verdict names a claim no doc declares
        repoWithRegion();
        demoWrote(outcome("1.5 s", Verdict.contradicted("ready", "redis answered in %s, over its bound", "1.5 s")));
        Run contradicted = ledger("observed");
        demoWrote(outcome("1.5 s", Verdict.shown("TK-99", "redis answered")));
        Run undeclared = ledger("observed");

        // then
        assertThat(contradicted.exit())
                .as("a contradicted run is no figure for a doc")
                .isEqualTo(1);
        assertThat(contradicted.out())
                .anyMatch(line ->
                        line.contains("holds a contradicted verdict (ready CONTRADICTED: redis answered in 1.5 s"));
        assertThat(undeclared.exit()).isEqualTo(1);
        assertThat(undeclared.out()).anyMatch(line -> line.contains("has a verdict on TK-99, which no doc declares"));
        assertThat(read(DOC)).as("neither was rendered into the doc").doesNotContain("| redis | 1.5 s |");
    }

    @Test
    @Claim("TK-16")
    void aTableInASubSectionOfAMeasuredSectionFailsTheLedgerToo() throws IOException {
        // given: a typed table one heading level below the measured section
        repoWithRegion();
        demoWrote(outcome("1.5 s"));
        ledger("observed");
        write(
                DOC,
                read(DOC)
                        + "\n## Trade-offs (measured)\n\n### Durability\n\n| service | ready in |\n|---|---|\n| redis | 0.1 s |\n"
                        + "\n## References\n\n| a | b |\n|---|---|\n| c | d |\n");

        // when
        Run check = ledger("check");

        // then: the sub-section's table is measured; the next section of the same level ends the measured section
        assertThat(check.out())
                .filteredOn(line -> line.contains("a table in a measured section outside an observed region"))
                .hasSize(1);
    }

    private static final String CHART_MARKER =
            "<!-- chart: ready from=probe-times x=service y=\"ready in\" title=\"Ready in\" y-label=seconds -->";
    private static final String FIGURE = "docs/figures/ready.svg";
    /** JFreeSVG writes each bar as a rect filled with its series' colour; the first series' is this one. */
    private static final Pattern FIRST_SERIES_BAR =
            Pattern.compile("<rect [^>]*height='([0-9.]+)' style='fill:rgb\\(31,119,180\\)'");

    @Test
    @Claim("TK-21")
    void labDocsDrawsAChartFromTheSameOutcomeAsTheRegionsTable() throws IOException {
        // given: a region and a chart of its outcome, in which kafka took 2.8 times as long as redis
        repoWithRegionAndChart();
        demoWrote(outcome(List.of(List.of("redis", "1.5 s"), List.of("kafka", "4.2 s"))));

        // when
        Run docs = ledger("observed");

        // then
        assertThat(docs.exit()).as("./lab docs succeeds: %s", docs.out()).isZero();
        assertThat(read(DOC)).as("the doc shows the figure").contains("![Ready in](figures/ready.svg)");
        List<Double> bars = FIRST_SERIES_BAR
                .matcher(read(FIGURE))
                .results()
                .map(bar -> Double.parseDouble(bar.group(1)))
                .toList();
        assertThat(bars).as("one bar per row of the outcome").hasSize(2);
        assertThat(bars.get(1) / bars.get(0))
                .as("the bars stand as the outcome's figures do: 4.2 s is 2.8 times 1.5 s")
                .isCloseTo(2.8, within(0.02));
        assertThat(ledger("check").exit()).as("the ledger finds nothing wrong").isZero();
    }

    @Test
    @Claim("TK-21")
    void aFigureMissingOrDrawnFromOtherDataFailsTheLedgerUntilLabDocsDrawsItAgain() throws IOException {
        // given: the docs drawn from one run
        repoWithRegionAndChart();
        demoWrote(outcome(List.of(List.of("redis", "1.5 s"), List.of("kafka", "3.0 s"))));
        ledger("observed");
        String drawnFromTheFirstRun = read(FIGURE);

        // when: a later run is rendered, then the figure of the first run is put back; and then the figure is deleted
        demoWrote(outcome(List.of(List.of("redis", "1.5 s"), List.of("kafka", "6.0 s"))));
        ledger("observed");
        write(FIGURE, drawnFromTheFirstRun);
        Run stale = ledger("check");
        Files.delete(root.resolve(FIGURE));
        Run missing = ledger("check");
        Run redrawn = ledger("observed");
        Run after = ledger("check");

        // then
        String problem = "docs/toolkit.md:17: chart ready: docs/figures/ready.svg is not what ./lab docs draws from"
                + " docs/observed/probe-times.json; run ./lab docs";
        assertThat(stale.out())
                .as("a figure drawn from other data fails the ledger")
                .contains(problem);
        assertThat(missing.out()).as("so does a missing figure").contains(problem);
        assertThat(redrawn.exit()).as("./lab docs draws it again").isZero();
        assertThat(after.exit())
                .as("and then the ledger passes: %s", after.out())
                .isZero();
    }

    @Test
    @Claim("TK-21")
    void aChartOfAColumnItsOutcomeLacksAndAFigureNoDocDeclaresFailTheLedger() throws IOException {
        // given: a chart of a column the outcome does not have, and a figure that no chart marker draws
        repoWithRegionAndChart();
        write(DOC, read(DOC).replace("y=\"ready in\"", "y=\"started in\""));
        demoWrote(outcome(List.of(List.of("redis", "1.5 s"))));
        write("docs/figures/left-behind.svg", "<svg/>");

        // when
        Run docs = ledger("observed");

        // then
        assertThat(docs.out())
                .as("each problem in one line, with where it is")
                .contains(
                        "docs/toolkit.md:16: chart ready: outcome probe-times has no column 'started in' (its columns:"
                                + " [service, ready in])",
                        "docs/figures/left-behind.svg:1: no doc declares chart left-behind (<!-- chart: left-behind"
                                + " ... -->): delete the figure, or declare it");
        assertThat(docs.exit()).as("./lab docs fails on them").isEqualTo(1);
    }

    private void repoWithRegionAndChart() throws IOException {
        repoWithRegion();
        write(DOC, read(DOC) + "\n" + CHART_MARKER + "\n\n<!-- end-chart -->\n");
    }

    private static Outcome outcome(List<List<String>> rows) {
        return outcome(rows, List.of());
    }

    private void repoWithRegion() throws IOException {
        write(DOC, """
                ---
                title: Toolkit
                ---
                # Toolkit

                ## Ready times

                <!-- observed: probe-times -->
                <!-- end-observed -->
                """);
        write(
                DEMO_SOURCE,
                "package demo;\n\nclass ProbeDemo {\n    void run() {\n        Observation.named(\"" + NAME
                        + "\", \"title\");\n    }\n}\n");
    }

    private static Outcome outcome(String readyIn) {
        return outcome(readyIn, Verdict.shown("ready", "redis answered in %s", readyIn));
    }

    private static Outcome outcome(String readyIn, Verdict verdict) {
        return outcome(List.of(List.of("redis", readyIn)), List.of(verdict));
    }

    private static Outcome outcome(List<List<String>> rows, List<Verdict> verdicts) {
        Stamp stamp = new Stamp("2026-12-02T05:00Z", 2, 24.0, "20.10.24", List.of("Redis 8.0.2"));
        return new Outcome(
                NAME,
                "support",
                DEMO_CLASS,
                "How long each service takes",
                stamp,
                List.of("service", "ready in"),
                rows,
                verdicts,
                List.of());
    }

    private void demoWrote(Outcome outcome) {
        outcome.write(root.resolve("support/target/observed/" + outcome.name() + ".json"));
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    private record Run(int exit, List<String> out) {}

    private Run ledger(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = new Ledger(root, stream, stream).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
