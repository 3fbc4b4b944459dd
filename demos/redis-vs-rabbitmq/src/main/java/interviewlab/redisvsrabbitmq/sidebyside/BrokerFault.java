package interviewlab.redisvsrabbitmq.sidebyside;

/** What the side-by-side run does to the broker after the consumer died, before the new consumer takes over. */
public enum BrokerFault {
    /** docker stop, then start: SIGTERM, so Redis saves its snapshot and RabbitMQ shuts down cleanly. */
    GRACEFUL_RESTART("graceful restart"),
    /** SIGKILL, then start: only what the broker had already written to the kernel survives. */
    KILL_NINE("kill -9, then start");

    private final String label;

    BrokerFault(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
