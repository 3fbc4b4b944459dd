package interviewlab.redisvsrabbitmq.replicated;

import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;

/**
 * One replicated broker as the failover side by side drives it: Redis with Sentinel, a RabbitMQ quorum queue on three
 * nodes. Each write is one numbered message; it counts as acknowledged only when the broker said so (Redis: the reply
 * to RPUSH; RabbitMQ: the publisher confirm).
 */
interface ReplicatedStore extends AutoCloseable {
    /** Every failover here completes well within this: failure detection, an election, a promotion. */
    Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);

    /** What the table calls it. */
    String label();

    /** Starts the cluster and whatever the writes go to (the queue), and returns once both are ready. */
    void start();

    /** Every node of the cluster: a partition of the leader cuts it from all of them. */
    List<? extends LabContainer<?>> nodes();

    /** Which node takes the writes now, as a majority of the cluster says. */
    LabContainer<?> leader();

    /** Waits until a majority of the cluster names a leader other than {@code old}, and returns it. */
    LabContainer<?> awaitLeaderOtherThan(LabContainer<?> old);

    /** After a partition of {@code old} healed: waits until it is a follower of the cluster's leader again. */
    void awaitRejoined(LabContainer<?> old);

    /** A writer connected to {@code node}, through its host port. */
    Writer connectTo(LabContainer<?> node);

    /** Every numbered message the cluster holds now, read through its leader. */
    SortedSet<Long> stored();

    @Override
    void close();

    /** A client connection that writes numbered messages. */
    interface Writer extends AutoCloseable {
        /**
         * Writes message {@code id}; true once the broker acknowledged it, false when it refused it or did not
         * acknowledge it in time; throws when the connection is gone (the writer then connects again).
         */
        boolean write(long id) throws Exception;

        @Override
        void close();
    }
}
