package interviewlab.redisvsrabbitmq.sidebyside;

/** The broker configurations the side-by-side run compares, each with the delivery guarantee it gives. */
public enum Setup {
    REDIS_PUBSUB("Redis Pub/Sub", "at most once", false),
    REDIS_LIST_BRPOP("Redis list, BRPOP", "at most once", false),
    REDIS_LIST_BLMOVE("Redis list, BLMOVE + processing list", "at least once", false),
    REDIS_STREAM_GROUP("Redis stream, consumer group + XAUTOCLAIM", "at least once", false),
    RABBIT_AUTO_ACK("RabbitMQ durable queue, autoAck", "at most once", true),
    RABBIT_MANUAL_ACK("RabbitMQ durable queue, manual ack, confirms", "at least once", true),
    RABBIT_QUORUM("RabbitMQ quorum queue, manual ack, confirms", "at least once", true);

    /** Names every key, stream, group and queue the run uses. */
    public static final String QUEUE = "jobs";
    public static final String PROCESSING = "jobs:processing";
    public static final String GROUP = "workers";

    private final String label;
    private final String guarantee;
    private final boolean rabbit;

    Setup(String label, String guarantee, boolean rabbit) {
        this.label = label;
        this.guarantee = guarantee;
        this.rabbit = rabbit;
    }

    public String label() {
        return label;
    }

    public String guarantee() {
        return guarantee;
    }

    public boolean atLeastOnce() {
        return guarantee.equals("at least once");
    }

    public boolean onRabbitMq() {
        return rabbit;
    }
}
