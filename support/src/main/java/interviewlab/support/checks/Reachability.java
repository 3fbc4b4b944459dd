package interviewlab.support.checks;

import interviewlab.support.services.LabContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.ToIntFunction;

/** Whether one container can open a TCP connection to another right now: the check behind a partition's claims. */
public final class Reachability {
    /** Long enough for a connection on one Docker network (well under a millisecond), short against a dropped SYN. */
    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    private Reachability() {}

    /** One ordered link between two nodes, and whether the first connected to the second. */
    public record Link(LabContainer<?> from, LabContainer<?> to, boolean connects) {
        /** "from -> to", by service names. */
        public String name() {
            return from.serviceName() + " -> " + to.serviceName();
        }

        /** Whether the link starts or ends at {@code node}. */
        public boolean touches(LabContainer<?> node) {
            return from == node || to == node;
        }
    }

    /**
     * Every ordered link between the nodes, each tried as {@link #canConnect} to the port {@code portOf} names for its
     * target, the nodes trying side by side; in the nodes' order.
     */
    public static List<Link> links(List<? extends LabContainer<?>> nodes, ToIntFunction<LabContainer<?>> portOf) {
        return nodes.stream()
                .flatMap(from -> nodes.stream().filter(to -> to != from).map(to -> List.of(from, to)))
                .toList()
                .parallelStream()
                .map(pair -> new Link(
                        pair.get(0), pair.get(1), canConnect(pair.get(0), pair.get(1), portOf.applyAsInt(pair.get(1)))))
                .toList();
    }

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
