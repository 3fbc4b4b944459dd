package interviewlab.support.clusters;

import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** How a cluster's nodes are started, and the one sentence its start fails with when a node did not join. */
public final class ClusterFormation {
    private ClusterFormation() {}

    /**
     * Starts the nodes side by side, each on its own thread, and returns once every one has started (is ready: its
     * probe answered). Fails with {@link #didNotJoin} for the first node, in the order given, whose start failed.
     */
    public static void startSideBySide(List<? extends LabContainer<?>> nodes, String cluster) {
        long began = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> starts = nodes.stream()
                    .<Future<?>>map(node -> starter.submit((Runnable) node::start))
                    .toList();
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    starts.get(i).get();
                } catch (ExecutionException e) {
                    LabContainer<?> node = nodes.get(i);
                    IllegalStateException notJoined = didNotJoin(
                            node,
                            cluster,
                            Duration.ofNanos(System.nanoTime() - began),
                            "it did not start: " + reason(e.getCause(), node));
                    notJoined.initCause(e.getCause());
                    throw notJoined;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            starter.shutdownNow();
        }
    }

    /**
     * The failure's own words about the node: the first message in its chain that starts with the node's name (the
     * readiness wait's "NODE did not answer within N s", say), not Testcontainers' outer "Container startup failed".
     */
    private static String reason(Throwable failure, LabContainer<?> node) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().startsWith(node.serviceName())) {
                return cause.getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }

    /**
     * The error to throw: "NODE did not join the CLUSTER cluster within N s (WHAT); its log: PATH", where PATH is the
     * file the node's output went to as it printed it ({@link LabContainer#logFile()}), there even when Testcontainers
     * has already removed a container that failed to start.
     */
    public static IllegalStateException didNotJoin(LabContainer<?> node, String cluster, Duration waited, String what) {
        return new IllegalStateException(node.serviceName() + " did not join the " + cluster + " cluster within "
                + waited.toSeconds() + " s (" + what.replace('\n', ' ') + "); its log: " + node.logFile());
    }
}
