package interviewlab.support.checks;

import interviewlab.support.services.LabContainer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Whether one container can open a TCP connection to another right now: the check behind a partition's claims. */
public final class Reachability {
    /** Long enough for a connection on one Docker network (well under a millisecond), short against a dropped SYN. */
    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    private Reachability() {}

    /** Whether {@code from} opens a TCP connection to {@code to}'s port, by its network alias, within 2 s. */
    public static boolean canConnect(LabContainer<?> from, LabContainer<?> to, int port) {
        try {
            return from.execInContainer(
                                    "timeout",
                                    String.valueOf(CONNECT_TIMEOUT_SECONDS),
                                    "bash",
                                    "-c",
                                    "exec 3<>/dev/tcp/" + to.serviceName() + "/" + port)
                            .getExitCode()
                    == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
