package interviewlab.support.observed;

import interviewlab.support.faults.FaultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An outcome being recorded: a demo names it, gives its columns, adds a row per observed case and the verdicts its
 * checker reached, then hands it to {@link DemoRun#record}.
 */
public final class Observation {
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String name;
    private final Class<?> source;
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<FaultEvent> faults = new ArrayList<>();

    private Observation(String name, Class<?> source, String title, List<String> columns) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("an outcome's name is lower-case words joined by '-': " + name);
        }
        this.name = name;
        this.source = source;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** An outcome named as its doc region names it, with its table's columns. */
    public static Observation named(String name, String title, String... columns) {
        // The class that names it is where the ledger looks for the name, to know the code produces this outcome.
        return new Observation(name, CALLER.getCallerClass(), title, Arrays.asList(columns));
    }

    public Observation row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public Observation verdict(Verdict verdict) {
        verdicts.add(verdict);
        return this;
    }

    /** The faults done during the run, from {@link interviewlab.support.faults.FaultLog#since}. */
    public Observation faults(List<FaultEvent> events) {
        faults.addAll(events);
        return this;
    }

    String name() {
        return name;
    }

    String title() {
        return title;
    }

    List<String> columns() {
        return columns;
    }

    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    Outcome outcome(String topic, Instant start, Stamp stamp) {
        List<Outcome.TimedFault> timed = faults.stream()
                .map(event -> new Outcome.TimedFault(
                        Duration.between(start, event.at()).toMillis() / 1000.0, event.what(), event.target()))
                .toList();
        return new Outcome(name, topic, source.getName(), title, stamp, columns, rows(), verdicts(), timed);
    }
}
