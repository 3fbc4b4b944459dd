package interviewlab.statelessvsstateful.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * What a browser got back: the status, the instance that served it (absent when nginx answered itself, as with
 * a 504), the body, the time the instance spent finding the session, and how long the whole request took.
 */
public record Reply(int status, Optional<String> servedBy, String body, Optional<Double> lookupMillis, Duration took) {
    public boolean loggedIn() {
        return status == 200;
    }

    /** One line for narration: "200 from app-2". */
    @Override
    public String toString() {
        return status + " from " + servedBy.orElse("nginx itself");
    }
}
