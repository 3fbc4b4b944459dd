package interviewlab.redisvsrabbitmq.workers;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import redis.clients.jedis.Jedis;

/**
 * A consumer of the RabbitMQ queue {@code jobs}, run in its own container so a test can kill it with kill -9.
 *
 * <p>Arguments: {@code <auto|manual> <hang|work> <none|charge|charge-once>}.
 * <ul>
 *   <li>{@code auto}: autoAck, the broker forgets each message as it sends it. {@code manual}: the consumer acks
 *       each message after processing it, with a prefetch of 1.</li>
 *   <li>{@code hang}: processing of the first message never ends, so the test can kill the worker after the work
 *       and before the ack. {@code work}: processes and acks every message.</li>
 *   <li>Processing is {@code none}; or {@code charge}, which adds 10 to the Redis key {@code balance} for every
 *       delivery; or {@code charge-once}, which adds it once per message id, however often the message comes.</li>
 * </ul>
 * Prints {@code ready}, then {@code took <body> redelivered=<flag>}, {@code charged <body>} or
 * {@code skipped <body>}, and {@code processed <body>} once the message is acknowledged.
 */
public final class RabbitWorker {
    public static final String QUEUE = "jobs";
    public static final String BALANCE = "balance";
    public static final long CHARGE = 10;
    /** The ids of every message already charged: the idempotent consumer's memory, in the same store as the balance. */
    public static final String CHARGED_IDS = "charged-message-ids";

    // snippet:charge-once-script
    /**
     * Records the message id and charges in one atomic step, so a consumer dying between the two cannot happen:
     * SADD answers 1 only for an id not seen before.
     */
    private static final String CHARGE_ONCE = """
            if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
              return redis.call('INCRBY', KEYS[2], ARGV[2])
            end
            return false""";
    // end-snippet

    private RabbitWorker() {}

    public static void main(String[] args) throws Exception {
        boolean autoAck = args[0].equals("auto");
        boolean hang = args[1].equals("hang");
        String processing = args[2];
        Jedis redis = processing.equals("none") ? null : new Jedis("redis", 6379);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("rabbitmq");
        Channel channel = factory.newConnection().createChannel();
        if (!autoAck) {
            channel.basicQos(1);
        }
        DeliverCallback deliver = (consumerTag, delivery) -> {
            String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
            say("took " + body + " redelivered=" + delivery.getEnvelope().isRedeliver());
            // snippet:idempotent-consumer
            switch (processing) {
                case "charge" -> {
                    redis.incrBy(BALANCE, CHARGE);
                    say("charged " + body);
                }
                case "charge-once" -> {
                    String messageId = delivery.getProperties().getMessageId();
                    boolean charged = redis.eval(
                                    CHARGE_ONCE,
                                    List.of(CHARGED_IDS, BALANCE),
                                    List.of(messageId, Long.toString(CHARGE)))
                            != null;
                    say((charged ? "charged " : "skipped ") + body);
                }
                default -> {}
            }
            // end-snippet
            if (hang) {
                awaitForever(); // the work is done, the ack is not sent: the test kills us here
            }
            if (!autoAck) {
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }
            say("processed " + body);
        };
        channel.basicConsume(QUEUE, autoAck, deliver, consumerTag -> {});
        say("ready");
        awaitForever(); // deliveries arrive on the client's own threads; this one only keeps the process alive
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
