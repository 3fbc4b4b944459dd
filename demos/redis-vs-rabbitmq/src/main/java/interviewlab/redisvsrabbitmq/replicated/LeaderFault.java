package interviewlab.redisvsrabbitmq.replicated;

/** What the failover side by side does to the node that takes the writes: the Redis primary, the quorum queue's leader. */
public enum LeaderFault {
    /** kill -9 of the leader, while the writes go on; they go on against the leader the others elect. */
    KILLED("the leader killed with kill -9"),
    /**
     * The leader partitioned from every other node while the writer, on the host, still reaches it and keeps writing
     * to it; then healed.
     */
    PARTITIONED("the leader partitioned from the other nodes, then healed");

    private final String label;

    LeaderFault(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
