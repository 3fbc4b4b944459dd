package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.RabbitQueues.bodyOf;
import static interviewlab.redisvsrabbitmq.RabbitQueues.publishConfirmed;
import static interviewlab.redisvsrabbitmq.RabbitQueues.takeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RabbitMqService;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Where a message goes when no consumer will take it: rejected, expired, pushed out by a length limit, or
 * requeued over and over. With a dead-letter exchange it is republished to the dead-letter queue with the reason;
 * without one it is gone. No test here harms the broker, so they share one; each starts without the queues.
 */
@Testcontainers
class RabbitDeadLetterTest {
    private static final String QUEUE = "work";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final Duration DEAD_LETTERED = Duration.ofSeconds(30);
    /** How long the queue must stay empty after a reject before the message counts as discarded, not requeued. */
    private static final Duration HOLD = Duration.ofSeconds(2);
    /** The delivery limit RabbitMQ 4.0 gives a quorum queue that does not set one. */
    private static final int DEFAULT_QUORUM_DELIVERY_LIMIT = 20;

    private static final int CLASSIC_REDELIVERIES = 5 * DEFAULT_QUORUM_DELIVERY_LIMIT;

    @Container
    private static final RabbitMqService RABBIT = new RabbitMqService();

    @BeforeEach
    void deleteTheQueuesOfTheTestBefore() throws Exception {
        RABBIT.onChannel(channel -> {
            channel.queueDelete(QUEUE);
            return channel.queueDelete(DEAD_LETTERS);
        });
    }

    @Test
    @Claim("RMQ-10")
    void aMessageRejectedWithoutRequeueIsGoneWhenTheQueueHasNoDeadLetterExchange() throws Exception {
        // given: a queue without a dead-letter exchange, holding one message
        RabbitQueues.declareDurable(RABBIT, QUEUE);
        publishConfirmed(RABBIT, QUEUE, 1, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // when: a consumer rejects it without requeue
        rejectOneWithoutRequeue(RABBIT);
        // then: the queue stays empty: nothing requeues the message, and there is nowhere else it could be
        Awaitility.await("the queue stays empty")
                .during(HOLD)
                .atMost(HOLD.plus(DEAD_LETTERED))
                .untilAsserted(() -> assertThat(RABBIT.readyMessages(QUEUE))
                        .as("a rejected message with no dead-letter exchange is discarded")
                        .isZero());
    }

    @Test
    @Claim("RMQ-10")
    void aMessageRejectedWithoutRequeueIsDeadLetteredWithReasonRejected() throws Exception {
        // given: the same queue, with a dead-letter exchange routing to the queue dead-letters
        declareWithDeadLetters(RABBIT, Map.of());
        publishConfirmed(RABBIT, QUEUE, 1, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // when: a consumer rejects the message without requeue
        rejectOneWithoutRequeue(RABBIT);
        // then: it is in dead-letters, and says why
        assertDeadLettered(RABBIT, List.of("1"), "rejected");
    }

    @Test
    @Claim("RMQ-10")
    void aMessageThatOutlivesTheQueueTtlIsDeadLetteredWithReasonExpired() throws Exception {
        // given: a queue whose messages live 200 ms, with a dead-letter exchange
        declareWithDeadLetters(RABBIT, Map.of("x-message-ttl", 200));
        // when: a message is published and nobody consumes it
        publishConfirmed(RABBIT, QUEUE, 1, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // then: once it expires, it is in dead-letters
        assertDeadLettered(RABBIT, List.of("1"), "expired");
    }

    @Test
    @Claim("RMQ-10")
    void messagesPushedOutByTheLengthLimitAreDeadLetteredOldestFirst() throws Exception {
        // given: a queue limited to 3 messages (overflow drop-head, the default), with a dead-letter exchange
        declareWithDeadLetters(RABBIT, Map.of("x-max-length", 3));
        // when: 5 messages are published
        publishConfirmed(RABBIT, QUEUE, 5, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // then: the queue keeps the newest 3, and the 2 oldest are in dead-letters
        assertThat(takeAll(RABBIT, QUEUE).stream().map(RabbitQueues::bodyOf))
                .as("a full queue drops from its head")
                .containsExactly("3", "4", "5");
        assertDeadLettered(RABBIT, List.of("1", "2"), "maxlen");
    }

    @Test
    @Claim("RMQ-11")
    void aQuorumQueueDeadLettersAMessageNackedWithRequeueMoreThan20Times() throws Exception {
        assertQuorumQueueDeadLettersAfter20Redeliveries(Requeue.BY_NACK);
    }

    @Test
    @Claim("RMQ-11")
    void aQuorumQueueDeadLettersAMessageRejectedWithRequeueMoreThan20Times() throws Exception {
        assertQuorumQueueDeadLettersAfter20Redeliveries(Requeue.BY_REJECT);
    }

    /**
     * The poison-message story on a quorum queue, the message returned by {@code requeue} each time. In 4.0.5 both
     * ways count towards the limit; since 4.3 a basic.nack no longer does (see the doc's RMQ-11).
     */
    private static void assertQuorumQueueDeadLettersAfter20Redeliveries(Requeue requeue) throws Exception {
        // given: a quorum queue with no delivery-limit argument, a dead-letter exchange, and one message
        declareWithDeadLetters(RABBIT, Map.of("x-queue-type", "quorum"));
        publishConfirmed(RABBIT, QUEUE, 1, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // when: a consumer takes it and returns it with requeue, again and again: a poison message
        Redeliveries redeliveries =
                requeueUntil(RABBIT, requeue, deliveries -> RABBIT.readyMessages(DEAD_LETTERS) == 1);
        // then: after the first delivery and 20 redeliveries it is dead-lettered
        System.out.println(
                "quorum queue, requeued " + requeue + ": dead-lettered after " + redeliveries.count() + " deliveries");
        assertThat(redeliveries.count())
                .as(
                        "RabbitMQ 4.0.5 limits a quorum queue's redeliveries to 20 by default, counting each requeue %s: 1 delivery + 20 redeliveries",
                        requeue)
                .isEqualTo(DEFAULT_QUORUM_DELIVERY_LIMIT + 1);
        assertThat(redeliveries.lastDeliveryCount())
                .as("the last delivery carried x-delivery-count 20")
                .isEqualTo(DEFAULT_QUORUM_DELIVERY_LIMIT);
        assertDeadLettered(RABBIT, List.of("1"), "delivery_limit");
    }

    @Test
    @Claim("RMQ-11")
    void aClassicQueueRequeuesAPoisonMessageWithoutLimit() throws Exception {
        // given: a classic queue with the same dead-letter exchange, and one message
        declareWithDeadLetters(RABBIT, Map.of());
        publishConfirmed(RABBIT, QUEUE, 1, MessageProperties.PERSISTENT_TEXT_PLAIN);
        // when: a consumer nacks it with requeue 100 times, five times the quorum queue's default limit
        requeueUntil(RABBIT, Requeue.BY_NACK, deliveries -> deliveries == CLASSIC_REDELIVERIES);
        // then: it is still in the queue, and nothing was dead-lettered: the poison message loops for ever
        Awaitility.await("the last nack has requeued the message")
                .atMost(DEAD_LETTERED)
                .untilAsserted(() -> assertThat(RABBIT.readyMessages(QUEUE))
                        .as("a classic queue has no delivery limit: the message is still there")
                        .isEqualTo(1));
        assertThat(RABBIT.readyMessages(DEAD_LETTERS))
                .as("nothing dead-lettered")
                .isZero();
    }

    /** The queue under test, dead-lettering through the default exchange into the queue dead-letters. */
    private static void declareWithDeadLetters(RabbitMqService rabbit, Map<String, Object> arguments) throws Exception {
        Map<String, Object> withDeadLetters = new HashMap<>(arguments);
        withDeadLetters.put("x-dead-letter-exchange", "");
        withDeadLetters.put("x-dead-letter-routing-key", DEAD_LETTERS);
        rabbit.onChannel(channel -> {
            channel.queueDeclare(DEAD_LETTERS, true, false, false, null);
            return channel.queueDeclare(QUEUE, true, false, false, withDeadLetters);
        });
    }

    private static void rejectOneWithoutRequeue(RabbitMqService rabbit) throws Exception {
        rabbit.onChannel(channel -> {
            GetResponse message = channel.basicGet(QUEUE, false);
            channel.basicReject(message.getEnvelope().getDeliveryTag(), false);
            return null;
        });
    }

    /** How often a consumer got the message, and the x-delivery-count header of the last delivery (0 when absent). */
    private record Redeliveries(int count, int lastDeliveryCount) {}

    @FunctionalInterface
    private interface Done {
        boolean after(int deliveries) throws Exception;
    }

    /** The two AMQP 0-9-1 ways a consumer hands a delivery back to the queue for redelivery. */
    private enum Requeue {
        BY_NACK,
        BY_REJECT;

        void send(Channel channel, long deliveryTag) throws IOException {
            if (this == BY_NACK) {
                channel.basicNack(deliveryTag, false, true);
            } else {
                channel.basicReject(deliveryTag, true);
            }
        }

        @Override
        public String toString() {
            return this == BY_NACK ? "by basic.nack" : "by basic.reject";
        }
    }

    /** Takes the message and hands it back with requeue, each time it is there, until {@code done}. */
    private static Redeliveries requeueUntil(RabbitMqService rabbit, Requeue requeue, Done done) throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        AtomicReference<Object> lastDeliveryCount = new AtomicReference<>(0);
        try (Connection connection = rabbit.connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            Awaitility.await("the message is requeued until done")
                    .atMost(DEAD_LETTERED)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        GetResponse message = channel.basicGet(QUEUE, false);
                        if (message != null) {
                            deliveries.incrementAndGet();
                            Map<String, Object> headers = message.getProps().getHeaders();
                            lastDeliveryCount.set(headers == null ? 0 : headers.getOrDefault("x-delivery-count", 0));
                            requeue.send(channel, message.getEnvelope().getDeliveryTag());
                        }
                        return done.after(deliveries.get());
                    });
        }
        return new Redeliveries(deliveries.get(), ((Number) lastDeliveryCount.get()).intValue());
    }

    /**
     * Waits until dead-letters holds as many messages as expected (the queue republishes a dead letter on its own
     * time, after the reject, expiry or overflow), then takes them all and checks them and their reason.
     */
    private static void assertDeadLettered(RabbitMqService rabbit, List<String> bodies, String reason)
            throws Exception {
        Awaitility.await(bodies.size() + " message(s) in " + DEAD_LETTERS)
                .atMost(DEAD_LETTERED)
                .until(() -> rabbit.readyMessages(DEAD_LETTERS) == bodies.size());
        List<GetResponse> deadLetters = takeAll(rabbit, DEAD_LETTERS);
        assertThat(deadLetters.stream().map(RabbitQueues::bodyOf))
                .as("dead-lettered, not lost")
                .containsExactlyElementsOf(bodies);
        for (GetResponse message : deadLetters) {
            assertThat(message.getProps().getHeaders().get("x-first-death-reason"))
                    .as("the x-first-death-reason header of %s", bodyOf(message))
                    .hasToString(reason);
        }
    }
}
