package interviewlab.support.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.testcontainers.containers.output.OutputFrame;

/**
 * What a container printed, line by line, as it prints it: how a test records what a worker process did
 * (a received id, an ack) and waits for the point where it causes a fault. Attach with
 * {@code withLogConsumer(lines)}.
 */
public final class LogLines implements Consumer<OutputFrame> {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    private boolean ended;

    @Override
    public synchronized void accept(OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            ended = true;
            return;
        }
        if (frame.getType() != OutputFrame.OutputType.STDOUT) {
            return;
        }
        partial.append(frame.getUtf8String());
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            lines.add(partial.substring(0, end));
            partial.delete(0, end + 1);
        }
    }

    /** Every complete line so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits, at most {@code timeout}, until the container's output has ended (it stopped, and every line it printed
     * has arrived here): after that, {@link #lines()} is the whole story. Docker delivers logs a moment late.
     */
    public void awaitEnd(Duration timeout) {
        Awaitility.await("the end of the output")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(this::ended);
    }

    private synchronized boolean ended() {
        return ended;
    }

    /** Waits, at most {@code timeout}, for a line that matches; returns it. */
    public String await(Predicate<String> line, Duration timeout) {
        return Awaitility.await("a log line")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lines().stream().filter(line).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }
}
