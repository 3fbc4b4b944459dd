package interviewlab.support.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every fault done in this JVM, in order. A scenario notes the time it starts and asks afterwards for the faults
 * since then; concurrent scenarios tell theirs apart by target, since every service has its own name.
 */
public final class FaultLog {
    private static final List<FaultEvent> EVENTS = new ArrayList<>();

    private FaultLog() {}

    static synchronized void record(String what, String target) {
        EVENTS.add(new FaultEvent(Instant.now(), what, target));
    }

    /** The faults done at or after {@code start}, oldest first. */
    public static synchronized List<FaultEvent> since(Instant start) {
        return EVENTS.stream().filter(event -> !event.at().isBefore(start)).toList();
    }
}
