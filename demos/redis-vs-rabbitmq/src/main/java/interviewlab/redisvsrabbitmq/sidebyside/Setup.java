package interviewlab.redisvsrabbitmq.sidebyside;

import java.util.List;

/** The broker configurations the side-by-side run compares, each with the delivery guarantee it gives against a consumer crash. */
public enum Setup {
    REDIS_PUBSUB("Redis Pub/Sub", "at most once", false),
    REDIS_LIST_BRPOP("Redis list, BRPOP", "at most once", false),
    REDIS_LIST_BLMOVE("Redis list, BLMOVE + processing list", "at least once", false),
    REDIS_LIST_BLMOVE_AOF("Redis list, BLMOVE + processing list, AOF everysec", "at least once", true),
    REDIS_STREAM_GROUP("Redis stream, consumer group + XAUTOCLAIM", "at least once", false),
    REDIS_STREAM_GROUP_AOF("Redis stream, consumer group + XAUTOCLAIM, AOF everysec", "at least once", true),
    RABBIT_AUTO_ACK("RabbitMQ durable queue, autoAck", "at most once", false),
    RABBIT_MANUAL_ACK("RabbitMQ durable queue, manual ack, confirms", "at least once", false),
    RABBIT_QUORUM("RabbitMQ quorum queue, manual ack, confirms", "at least once", false);

    /** Names every key, stream, group and queue the run uses. */
    public static final String QUEUE = "jobs";

    public static final String PROCESSING = "jobs:processing";
    public static final String GROUP = "workers";

    private final String label;
    private final String guarantee;
    private final boolean appendOnly;

    Setup(String label, String guarantee, boolean appendOnly) {
        this.label = label;
        this.guarantee = guarantee;
        this.appendOnly = appendOnly;
    }

    public String label() {
        return label;
    }

    /** The guarantee against a consumer crash; a broker crash is another matter (see {@link BrokerFault}). */
    public String guarantee() {
        return guarantee;
    }

    public boolean atLeastOnce() {
        return guarantee.equals("at least once");
    }

    public boolean onRabbitMq() {
        return name().startsWith("RABBIT_");
    }

    /** Whether the broker writes every acknowledged write where a kill -9 of its process cannot take it. */
    public boolean survivesBrokerKill() {
        return onRabbitMq() ? atLeastOnce() : appendOnly;
    }

    /** The Redis server's flags: AOF on, with the default fsync every second, for the AOF setups. */
    public List<String> redisFlags() {
        return appendOnly ? List.of("--appendonly", "yes") : List.of();
    }

    /** The consumer's way of reading, the same for a setup with and without AOF. */
    public Setup consumerKind() {
        return switch (this) {
            case REDIS_LIST_BLMOVE_AOF -> REDIS_LIST_BLMOVE;
            case REDIS_STREAM_GROUP_AOF -> REDIS_STREAM_GROUP;
            default -> this;
        };
    }
}
