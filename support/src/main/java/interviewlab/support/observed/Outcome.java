package interviewlab.support.observed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a scenario observed, as data: its table of figures, the checker's verdicts, the faults with their
 * times, and where and when it ran. A demo writes it to {@code target/observed/NAME.json}; {@code ./lab docs} copies
 * the latest into {@code docs/observed/} and renders it into the doc's {@code <!-- observed: NAME -->} region.
 *
 * @param name the outcome's name, the one a doc region names
 * @param topic the topic whose demo observed it
 * @param source the class that names it (the ledger checks it does)
 * @param title what the table shows
 * @param stamp where and when
 * @param columns the table's header
 * @param rows the table's rows, as printed
 * @param verdicts the checker's verdicts over this run
 * @param faults the faults done during the run, at their times from the start of the run
 */
public record Outcome(
        String name,
        String topic,
        String source,
        String title,
        Stamp stamp,
        List<String> columns,
        List<List<String>> rows,
        List<Verdict> verdicts,
        List<TimedFault> faults) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A fault at its time from the start of the run. */
    public record TimedFault(double seconds, String what, String target) {}

    public Outcome {
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("outcome " + name + ": row " + row + " has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
        }
    }

    public static Outcome read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Outcome.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outcome " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outcome " + file, e);
        }
    }

    /**
     * The Markdown a doc shows between its observed markers: the table, the verdicts, and a line saying where the
     * figures come from, with a link to the data.
     */
    public List<String> markdown(String linkToData) {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", cells(columns)) + " |");
        lines.add("|" + "---|".repeat(columns.size()));
        rows.forEach(row -> lines.add("| " + String.join(" | ", cells(row)) + " |"));
        lines.add("");
        // Not "- **ID** ...": that is how a doc declares a claim, and a verdict only reports on one.
        verdicts.forEach(verdict ->
                lines.add("- " + verdict.claim() + " **" + verdict.kind().label() + "**: " + verdict.sentence()));
        if (!verdicts.isEmpty()) {
            lines.add("");
        }
        lines.add("<sub>Observed by <code>./lab demo " + topic + "</code>, " + stamp.line() + " ([data](" + linkToData
                + "))</sub>");
        return lines;
    }

    private static List<String> cells(List<String> cells) {
        return cells.stream().map(cell -> cell.replace("|", "\\|")).toList();
    }
}
