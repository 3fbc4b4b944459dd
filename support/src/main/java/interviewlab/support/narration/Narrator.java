package interviewlab.support.narration;

import interviewlab.support.observed.Verdict;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a demo tells its story: one line per event (time, who, what), the verdict its checker computed per scenario,
 * and tables whose columns line up. Colour only when the output is a terminal.
 */
public final class Narrator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final boolean COLOUR = System.console() != null && System.getenv("NO_COLOR") == null;

    private final PrintStream out;
    private final List<Event> events = new ArrayList<>();

    /** What was told, when: a demo's report shows it as a timeline. */
    public record Event(Instant at, Kind kind, String actor, String text) {}

    /** A scenario's title, a line of the story, or a verdict by what it concluded. */
    public enum Kind {
        SCENARIO,
        SAY,
        SHOWN,
        NOT_SHOWN,
        CONTRADICTED
    }

    public Narrator() {
        this.out = System.out;
    }

    /** A scenario's title. */
    public void scenario(String title) {
        remember(Kind.SCENARIO, "", title);
        out.println();
        out.println(style("1", "▶ " + title));
    }

    /** One event: who did what. */
    public void say(String actor, String format, Object... args) {
        String what = String.format(format, args);
        remember(Kind.SAY, actor, what);
        out.printf("%s  %-9s %s%n", style("2", LocalTime.now().format(TIME)), actor, what);
    }

    /** Everything told so far, oldest first. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** What the checker concluded from the run about a claim, coloured by what it concluded. */
    public void verdict(Verdict verdict) {
        remember(Kind.valueOf(verdict.kind().name()), verdict.claim(), verdict.line());
        String colour = switch (verdict.kind()) {
            case SHOWN -> "1;36";
            case NOT_SHOWN -> "1;33";
            case CONTRADICTED -> "1;31";
        };
        out.println(style(colour, "  verdict " + verdict.line()));
    }

    /** A table with aligned columns; the first row is the header. */
    public void table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", rows.get(r).get(i)))
                        .append(i + 1 < widths.length ? "  " : "");
            }
            out.println(
                    r == 0
                            ? style("1", line.toString().stripTrailing())
                            : line.toString().stripTrailing());
        }
    }

    // Workloads narrate from several threads at once.
    private synchronized void remember(Kind kind, String actor, String text) {
        events.add(new Event(Instant.now(), kind, actor, text));
    }

    private static String style(String code, String text) {
        return COLOUR ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
