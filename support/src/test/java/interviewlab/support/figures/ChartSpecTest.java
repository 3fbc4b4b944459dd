package interviewlab.support.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.observed.Outcome;
import interviewlab.support.observed.Stamp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a doc's chart marker reads, and how a cell becomes a bar. */
class ChartSpecTest {

    @Test
    void aMarkerReadsItsAttributesQuotedOrNot() {
        ChartSpec chart = ChartSpec.parse("<!-- chart: tail from=loss x=\"configured loss\" series=protocol"
                + " y=\"p99|max\" scale=log title=\"The tail\" -->");

        assertThat(chart.name()).isEqualTo("tail");
        assertThat(chart.outcome()).isEqualTo("loss");
        assertThat(chart.x()).containsExactly("configured loss");
        assertThat(chart.series()).contains("protocol");
        assertThat(chart.y()).containsExactly("p99", "max");
        assertThat(chart.logScale()).isTrue();
        assertThat(chart.yLabel())
                .as("the y columns, where no y-label is given")
                .isEqualTo("p99, max");
        assertThat(chart.imageLine()).isEqualTo("![The tail](figures/tail.svg)");
    }

    @Test
    void aMarkerThatCannotBeReadSaysWhatIsWrongWithIt() {
        assertThatThrownBy(() -> ChartSpec.parse("<!-- chart: tail from=loss x=a title=t -->"))
                .hasMessage("chart tail needs y=...");
        assertThatThrownBy(() -> ChartSpec.parse("<!-- chart: tail from=loss x=a y=b title=t colour=red -->"))
                .hasMessageStartingWith("chart tail: unknown attribute colour");
        assertThatThrownBy(() -> ChartSpec.parse("<!-- chart: Ready_Times from=loss x=a y=b title=t -->"))
                .hasMessage("chart Ready_Times: a chart's name is lower-case words joined by single hyphens");
        assertThatThrownBy(() -> ChartSpec.parse("<!-- chart: tail from=loss x=a y=b title=t scale=sqrt -->"))
                .hasMessage("chart tail: scale is linear or log, not sqrt");
    }

    @Test
    void aBarStandsOnTheFirstNumberOfItsCell() {
        assertThat(BarChart.number("654,346 (626,787–772,444)")).contains(654_346.0);
        assertThat(BarChart.number("148.86 ms")).contains(148.86);
        assertThat(BarChart.number("5,932/6,000")).contains(5_932.0);
        assertThat(BarChart.number("–"))
                .as("a cell without a number draws no bar")
                .isEqualTo(Optional.empty());
    }

    @Test
    void twoRowsThatWouldDrawTheSameBarAreAnError() {
        ChartSpec chart = ChartSpec.parse("<!-- chart: losses from=runs x=setup y=lost title=Lost -->");
        Outcome runs = new Outcome(
                "runs",
                "support",
                ChartSpecTest.class.getName(),
                "Runs",
                new Stamp("2026-12-04T10:00Z", 2, 24.0, "20.10.24", List.of()),
                List.of("setup", "fault", "lost"),
                List.of(List.of("Redis list", "kill -9", "40"), List.of("Redis list", "restart", "0")),
                List.of(),
                List.of());

        assertThatThrownBy(() -> BarChart.svg(chart, runs, "note"))
                .as("one bar would hide the other")
                .hasMessage("chart losses: two rows of runs draw the same bar (lost, Redis list): add a column to x=");
    }
}
