package interviewlab.redisvsrabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * What durability costs: how many messages per second one producer gets into each broker configuration.
 * Every producer streams its messages and waits once at the end (a Redis pipeline; RabbitMQ publishes, then
 * waits for the confirms where it uses them), so each number is the broker's cost, not one round trip each.
 */
final class Throughput {
    static final int MESSAGES = 20_000;
    private static final byte[] BODY = "a 32-byte message, more or less".getBytes(StandardCharsets.UTF_8);

    /** One measured configuration. */
    record Measurement(String broker, String durability, double messagesPerSecond) {
    }

    /** Every configuration measured once, with what this one run can and cannot tell. */
    static Observation measure() throws Exception {
        List<Measurement> measurements = measureEach();
        Observation table = Observation.named("durability-cost",
                String.format(Locale.ROOT, "What durability costs: %,d messages from one producer", MESSAGES), "broker", "durability", "messages/s");
        measurements.forEach(m -> table.row(m.broker(), m.durability(), String.format(Locale.ROOT, "%,.0f", m.messagesPerSecond())));
        return table.verdict(fsyncAlwaysFinding(measurements));
    }

    /**
     * fsync always makes Redis fsync before it replies, so it should be the slowest Redis setting; one run on a busy
     * machine shows that only when it is slower than both others by more than the noise of a single run.
     */
    private static Verdict fsyncAlwaysFinding(List<Measurement> measurements) {
        // measureEach() lists Redis first: RDB only, AOF everysec, AOF always.
        double always = measurements.get(2).messagesPerSecond();
        double slowerOther = Math.min(measurements.get(0).messagesPerSecond(), measurements.get(1).messagesPerSecond());
        if (always < slowerOther / 1.5) {
            return Verdict.shown("fsync always", "Redis with appendfsync always ran at %,.0f messages/s, %.0f %% of the slower of the other two settings",
                    always, 100 * always / slowerOther);
        }
        return Verdict.notShown("fsync always", "Redis with appendfsync always ran at %,.0f messages/s, %.0f %% of the slower of the other two "
                + "settings: this run could not tell it apart", always, 100 * always / slowerOther);
    }

    private static List<Measurement> measureEach() throws Exception {
        return List.of(
                redis("RDB snapshots only (the default)"),
                redis("AOF, fsync every second", "--appendonly", "yes"),
                redis("AOF, fsync always", "--appendonly", "yes", "--appendfsync", "always"),
                rabbit("classic queue, transient messages", false, MessageProperties.TEXT_PLAIN, Map.of()),
                rabbit("durable queue, persistent messages", false, MessageProperties.PERSISTENT_TEXT_PLAIN, Map.of()),
                rabbit("durable queue, persistent, confirms", true, MessageProperties.PERSISTENT_TEXT_PLAIN, Map.of()),
                rabbit("quorum queue, confirms", true, MessageProperties.PERSISTENT_TEXT_PLAIN, Map.of("x-queue-type", "quorum")));
    }

    private static Measurement redis(String durability, String... flags) {
        try (RedisService redis = new RedisService().withServerFlags(flags)) {
            redis.start();
            try (Jedis jedis = redis.client()) {
                long start = System.nanoTime();
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < MESSAGES; i++) {
                    pipeline.lpush("jobs".getBytes(StandardCharsets.UTF_8), BODY);
                }
                pipeline.sync();
                return new Measurement("Redis list", durability, rate(start));
            }
        }
    }

    private static Measurement rabbit(String durability, boolean confirms, AMQP.BasicProperties properties, Map<String, Object> queueArguments)
            throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            try (Connection connection = rabbit.connectionFactory().newConnection(); Channel channel = connection.createChannel()) {
                boolean durable = properties.getDeliveryMode() == 2;
                channel.queueDeclare("jobs", durable, false, false, queueArguments);
                if (confirms) {
                    channel.confirmSelect();
                }
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    channel.basicPublish("", "jobs", properties, BODY);
                }
                if (confirms) {
                    channel.waitForConfirmsOrDie(60_000);
                } else {
                    // Without confirms the publisher cannot know when the broker has them: ask the queue.
                    Awaitility.await("all messages in the queue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                            .until(() -> channel.queueDeclarePassive("jobs").getMessageCount() >= MESSAGES);
                }
                return new Measurement("RabbitMQ", durability, rate(start));
            }
        }
    }

    private static double rate(long startNanos) {
        return MESSAGES / ((System.nanoTime() - startNanos) / 1e9);
    }

    private Throughput() {
    }
}
