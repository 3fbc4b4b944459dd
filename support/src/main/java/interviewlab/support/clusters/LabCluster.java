package interviewlab.support.clusters;

import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * Several lab containers on one network that form one cluster: Kafka's brokers and controllers, RabbitMQ's nodes,
 * Redis's primary, replicas and Sentinels. The faults work on its nodes one by one, as on any service; a partition
 * between nodes is {@link interviewlab.support.faults.Faults#partition}.
 */
public interface LabCluster extends AutoCloseable {
    /** What the narration and the memory table call it, for example "kafka (3 brokers, 3 controllers)". */
    String description();

    /** Every container of the cluster, in the order they were started. */
    List<? extends LabContainer<?>> nodes();

    /**
     * Starts every node and returns once the cluster has formed, as its own servers report it; a node that did not
     * join in time fails the start with {@link ClusterFormation#didNotJoin}, one sentence naming it and its log.
     */
    void start();

    /** From the first node's start to the cluster reporting itself formed. */
    Duration startUpTime();

    /** Stops and removes every node, and the network. */
    @Override
    void close();

    /**
     * Stops every node, even when stopping one fails, then closes the network; rethrows the first failure, with the
     * others suppressed in it: what every cluster's {@link #close()} does.
     */
    static void stopAll(List<? extends LabContainer<?>> nodes, Network network) {
        RuntimeException failure = null;
        for (LabContainer<?> node : nodes) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        network.close();
        if (failure != null) {
            throw failure;
        }
    }
}
