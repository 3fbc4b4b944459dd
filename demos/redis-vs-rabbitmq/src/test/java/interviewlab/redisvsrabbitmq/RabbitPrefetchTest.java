package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RabbitMqService;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A consumer that acknowledges only when the test tells it to, with and without basic.qos. The broker's own count of
 * ready messages shows how many it holds back: it only sends a consumer more once that consumer acknowledges something.
 * A count seen once could be a broker that has not sent the rest yet, so each count is held over a window. The tests
 * share one broker; each starts without the queue.
 */
@Testcontainers
class RabbitPrefetchTest {
    private static final String QUEUE = "jobs";
    private static final int MESSAGES = 50;
    private static final int PREFETCH = 5;
    private static final int ACKS = 2;
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    /** How long a count must stay put: the unlimited consumer below gets all 50 well within it. */
    private static final Duration HOLD = Duration.ofSeconds(2);

    @Container
    private static final RabbitMqService RABBIT = new RabbitMqService();

    @BeforeEach
    void deleteTheQueueOfTheTestBefore() throws Exception {
        RABBIT.onChannel(channel -> channel.queueDelete(QUEUE));
    }

    @Test
    @Claim("RMQ-4")
    void aPrefetchOf5KeepsAtMost5UnacknowledgedDeliveriesWithTheConsumer() throws Exception {
        // given: 50 messages in a queue
        publish(RABBIT);
        try (Connection connection = RABBIT.connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            // when: a consumer with basic.qos 5 takes deliveries and acknowledges none of them
            channel.basicQos(PREFETCH);
            HoldingConsumer consumer = new HoldingConsumer(channel);

            // then: it gets 5, and for as long as it acks nothing the broker keeps the other 45 ready
            awaitAndHold(RABBIT, consumer, PREFETCH, MESSAGES - PREFETCH);
            assertThat(RABBIT.unacknowledgedDeliveries())
                    .as("the broker, too, counts 5 deliveries unacknowledged")
                    .isEqualTo(PREFETCH);
            // and each ack lets exactly one more through, and no more
            for (int ack = 1; ack <= ACKS; ack++) {
                consumer.ackOldest();
                awaitAndHold(RABBIT, consumer, PREFETCH + ack, MESSAGES - PREFETCH - ack);
            }
            assertThat(consumer.mostUnacknowledged())
                    .as("basic.qos 5: at no delivery did the consumer hold more than 5 unacknowledged")
                    .isEqualTo(PREFETCH);
            System.out.println("prefetch " + PREFETCH + ": " + consumer.received() + " delivered after " + ACKS
                    + " acks, at most " + consumer.mostUnacknowledged() + " unacknowledged, "
                    + RABBIT.readyMessages(QUEUE) + " held back by the broker");
        }
    }

    @Test
    @Claim("RMQ-4")
    void withoutAPrefetchTheBrokerSendsAConsumerEverythingAtOnce() throws Exception {
        // given: the same 50 messages
        publish(RABBIT);
        try (Connection connection = RABBIT.connectionFactory().newConnection()) {
            // when: a consumer with no basic.qos (prefetch 0, unlimited) takes deliveries and acknowledges none
            HoldingConsumer consumer = new HoldingConsumer(connection.createChannel());

            // then: all 50 are with the consumer, unacknowledged, and none is left for anyone else
            awaitAndHold(RABBIT, consumer, MESSAGES, 0);
            assertThat(consumer.mostUnacknowledged())
                    .as("without a prefetch the consumer held all 50 unacknowledged at once")
                    .isEqualTo(MESSAGES);
            assertThat(RABBIT.unacknowledgedDeliveries())
                    .as("the broker counts all 50 unacknowledged")
                    .isEqualTo(MESSAGES);
        }
    }

    private static void publish(RabbitMqService rabbit) throws Exception {
        RabbitQueues.declareDurable(rabbit, QUEUE);
        RabbitQueues.publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.PERSISTENT_TEXT_PLAIN);
    }

    /**
     * A manual-ack consumer that acknowledges only on {@link #ackOldest}, and records, at every delivery, the most
     * deliveries it has held unacknowledged: a peak between two samples cannot slip past it.
     */
    private static final class HoldingConsumer {
        private final Channel channel;
        private final List<Long> deliveryTags = new CopyOnWriteArrayList<>();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger mostUnacknowledged = new AtomicInteger();

        HoldingConsumer(Channel channel) throws IOException {
            this.channel = channel;
            channel.basicConsume(
                    QUEUE,
                    false,
                    (consumerTag, delivery) -> {
                        deliveryTags.add(delivery.getEnvelope().getDeliveryTag());
                        mostUnacknowledged.accumulateAndGet(received() - acknowledged.get(), Math::max);
                    },
                    consumerTag -> {});
        }

        int received() {
            return deliveryTags.size();
        }

        int mostUnacknowledged() {
            return mostUnacknowledged.get();
        }

        /** Acks the oldest unacknowledged delivery; counted first, so a delivery the ack lets through never looks like a sixth. */
        void ackOldest() throws IOException {
            channel.basicAck(deliveryTags.get(acknowledged.getAndIncrement()), false);
        }
    }

    /**
     * Waits until the consumer has received exactly {@code received} messages and the broker keeps exactly {@code ready},
     * then checks that both stay so for {@link #HOLD}. While nobody acks or requeues, both counts move one way only
     * (deliveries add up, ready messages only leave), so a broker that sent one more would fail the hold for good.
     */
    private static void awaitAndHold(RabbitMqService rabbit, HoldingConsumer consumer, int received, int ready) {
        String state = received + " delivered, " + ready + " ready";
        Awaitility.await(state)
                .atMost(DELIVERY)
                .until(() -> consumer.received() == received && rabbit.readyMessages(QUEUE) == ready);
        Awaitility.await(state + " for " + HOLD.toMillis() + " ms")
                .during(HOLD)
                .atMost(HOLD.plus(DELIVERY))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(consumer.received())
                            .as("the consumer has received %d deliveries, no more", received)
                            .isEqualTo(received);
                    assertThat(rabbit.readyMessages(QUEUE))
                            .as("the broker holds back the other %d", ready)
                            .isEqualTo(ready);
                });
    }
}
