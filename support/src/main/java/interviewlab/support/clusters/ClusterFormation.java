package interviewlab.support.clusters;

import interviewlab.support.services.LabContainer;
import java.time.Duration;

/** The one sentence a cluster's start fails with when a node did not join. */
public final class ClusterFormation {
    private ClusterFormation() {}

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
