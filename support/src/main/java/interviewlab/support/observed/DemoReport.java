package interviewlab.support.observed;

import interviewlab.support.faults.FaultEvent;
import interviewlab.support.figures.BarChart;
import interviewlab.support.figures.ChartSpec;
import interviewlab.support.narration.Narrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One demo run as a page a reader can open offline: the narration as a timeline (each event at its time from the
 * start, who did it, the faults marked), then each outcome's table, its verdicts and its charts. One self-contained
 * HTML file: its style and its charts (SVG) are inside it, and it loads nothing.
 *
 * @param topic the topic whose demo ran
 * @param started when the run started: the timeline's zero
 * @param events what the narrator told, in order
 * @param faults the faults done during the run
 * @param outcomes what the run recorded, in order
 * @param charts the charts the topic's doc declares of those outcomes
 */
public record DemoReport(
        String topic,
        Instant started,
        List<Narrator.Event> events,
        List<FaultEvent> faults,
        List<Outcome> outcomes,
        List<ChartSpec> charts) {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
            table { border-collapse: collapse; margin: .8em 0; }
            th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            ol.timeline { list-style: none; padding: 0; border-left: 3px solid #ccc; margin-left: 7em; }
            ol.timeline li { position: relative; padding: .15em 0 .15em 1em; }
            ol.timeline time { position: absolute; left: -8em; width: 6.5em; text-align: right; color: #666;
              font-variant-numeric: tabular-nums; }
            .who { display: inline-block; min-width: 7em; font-weight: 600; color: #345; }
            li.scenario { margin-top: .8em; font-weight: 700; }
            li.fault { background: #fdecea; color: #a4161a; font-weight: 600; }
            li.fault .who::before { content: "⚡ "; }
            li.shown { color: #0b6e4f; } li.not_shown { color: #8a6d00; } li.contradicted { color: #b00020; font-weight: 700; }
            .chart svg { max-width: 100%; height: auto; display: block; margin: .5em 0; }
            ul.verdicts { padding-left: 1.2em; }
            footer { margin-top: 3em; color: #666; font-size: .9em; }
            """;

    /** A line of the timeline: narrated, or a fault the lab caused. */
    private record Line(Instant at, String css, String who, String what) {}

    /** The page. */
    public String html() {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(escape(topic))
                .append(": a demo run</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        page.append("<h1>./lab demo ").append(escape(topic)).append("</h1>\n");
        page.append("<p>Started ")
                .append(DateTimeFormatter.ISO_INSTANT.format(started))
                .append("; ")
                .append(verdictTally())
                .append(". Times are from the start of the run; faults are marked ⚡.</p>\n");
        page.append("<h2>What happened, in order</h2>\n<ol class=\"timeline\">\n");
        for (Line line : timeline()) {
            page.append("<li class=\"")
                    .append(line.css())
                    .append("\"><time title=\"")
                    .append(CLOCK.format(line.at()))
                    .append(" UTC\">")
                    .append(String.format(
                            Locale.ROOT,
                            "+%.3f s",
                            Duration.between(started, line.at()).toMillis() / 1000.0))
                    .append("</time>");
            if (!line.who().isEmpty()) {
                page.append("<span class=\"who\">").append(escape(line.who())).append("</span> ");
            }
            page.append(escape(line.what())).append("</li>\n");
        }
        page.append("</ol>\n");
        for (Outcome outcome : outcomes) {
            page.append("<section class=\"outcome\" id=\"")
                    .append(escape(outcome.name()))
                    .append("\">\n<h2>")
                    .append(escape(outcome.title()))
                    .append("</h2>\n");
            page.append(table(outcome));
            if (!outcome.verdicts().isEmpty()) {
                page.append("<ul class=\"verdicts\">\n");
                for (Verdict verdict : outcome.verdicts()) {
                    page.append("<li class=\"")
                            .append(verdict.kind().name().toLowerCase(Locale.ROOT))
                            .append("\"><b>")
                            .append(escape(
                                    verdict.claim() + " " + verdict.kind().label()))
                            .append("</b>: ")
                            .append(escape(verdict.sentence()))
                            .append("</li>\n");
                }
                page.append("</ul>\n");
            }
            for (ChartSpec chart : charts) {
                if (chart.outcome().equals(outcome.name())) {
                    page.append("<figure class=\"chart\" id=\"chart-")
                            .append(escape(chart.name()))
                            .append("\">\n")
                            .append(chartOrWhyNot(chart, outcome))
                            .append("\n</figure>\n");
                }
            }
            page.append("<p><small>").append(escape(outcome.stamp().line())).append("</small></p>\n</section>\n");
        }
        page.append("<footer>Written by the demo itself, from what it observed; ./lab docs draws the doc's figures")
                .append(" from full runs.</footer>\n</body>\n</html>\n");
        return page.toString();
    }

    /** Writes the page; the file is the whole report. */
    public Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, html());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }

    private List<Line> timeline() {
        List<Line> lines = new ArrayList<>();
        for (Narrator.Event event : events) {
            lines.add(new Line(event.at(), event.kind().name().toLowerCase(Locale.ROOT), event.actor(), event.text()));
        }
        for (FaultEvent fault : faults) {
            lines.add(new Line(fault.at(), "fault", fault.target(), fault.what()));
        }
        // Stable: events told at the same instant keep the order they were told in.
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    private String verdictTally() {
        long shown =
                events.stream().filter(e -> e.kind() == Narrator.Kind.SHOWN).count();
        long notShown =
                events.stream().filter(e -> e.kind() == Narrator.Kind.NOT_SHOWN).count();
        long contradicted = events.stream()
                .filter(e -> e.kind() == Narrator.Kind.CONTRADICTED)
                .count();
        return String.format(
                "%d verdict(s) shown, %d not shown by this run, %d contradicted", shown, notShown, contradicted);
    }

    private static String table(Outcome outcome) {
        StringBuilder table = new StringBuilder("<table>\n<tr>");
        outcome.columns()
                .forEach(column -> table.append("<th>").append(escape(column)).append("</th>"));
        table.append("</tr>\n");
        for (List<String> row : outcome.rows()) {
            table.append("<tr>");
            row.forEach(cell -> table.append("<td>").append(escape(cell)).append("</td>"));
            table.append("</tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    /** The chart, or, where this run's table cannot be drawn by it, the sentence that says why: the run stands. */
    private static String chartOrWhyNot(ChartSpec chart, Outcome outcome) {
        try {
            return inline(BarChart.svg(chart, outcome, "chart " + chart.name()));
        } catch (RuntimeException e) {
            return "<p>chart " + escape(chart.name()) + " cannot draw this run: "
                    + escape(String.valueOf(e.getMessage())) + "</p>";
        }
    }

    /** An SVG document as an element of the page: without its XML declaration, doctype and comments before it. */
    private static String inline(String svg) {
        return svg.substring(svg.indexOf("<svg"));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
