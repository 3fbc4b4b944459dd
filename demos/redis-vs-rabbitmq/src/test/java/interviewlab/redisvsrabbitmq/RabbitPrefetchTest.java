package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RabbitMqService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A consumer that acknowledges nothing, with and without basic.qos. The broker's own count of ready messages shows
 * how many it holds back: it only sends a consumer more once that consumer acknowledges something.
 */
class RabbitPrefetchTest {
    private static final String QUEUE = "jobs";
    private static final int MESSAGES = 50;
    private static final int PREFETCH = 5;
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    @Test
    @Claim("RMQ-4")
    void aPrefetchOf5KeepsAtMost5UnacknowledgedDeliveriesWithTheConsumer() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: 50 messages in a queue
            publish(rabbit);
            try (Connection connection = rabbit.connectionFactory().newConnection()) {
                Channel channel = connection.createChannel();
                // when: a consumer with basic.qos 5 takes deliveries and acknowledges none of them
                channel.basicQos(PREFETCH);
                List<Long> deliveries = consumeWithoutAcking(channel);

                // then: it gets 5, and the broker keeps the other 45 ready
                awaitDeliveriesAndReady(rabbit, deliveries, PREFETCH, MESSAGES - PREFETCH);
                // and one ack lets exactly one more through
                channel.basicAck(deliveries.get(0), false);
                awaitDeliveriesAndReady(rabbit, deliveries, PREFETCH + 1, MESSAGES - PREFETCH - 1);
                System.out.println("prefetch " + PREFETCH + ": " + deliveries.size() + " delivered after one ack, "
                        + rabbit.readyMessages(QUEUE) + " held back by the broker");
            }
        }
    }

    @Test
    @Claim("RMQ-4")
    void withoutAPrefetchTheBrokerSendsAConsumerEverythingAtOnce() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: the same 50 messages
            publish(rabbit);
            try (Connection connection = rabbit.connectionFactory().newConnection()) {
                // when: a consumer with no basic.qos (prefetch 0, unlimited) takes deliveries and acknowledges none
                List<Long> deliveries = consumeWithoutAcking(connection.createChannel());

                // then: all 50 are with the consumer, unacknowledged, and none is left for anyone else
                awaitDeliveriesAndReady(rabbit, deliveries, MESSAGES, 0);
            }
        }
    }

    private static void publish(RabbitMqService rabbit) throws Exception {
        RabbitQueues.declareDurable(rabbit, QUEUE);
        RabbitQueues.publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.PERSISTENT_TEXT_PLAIN);
    }

    /** Starts a manual-ack consumer that records each delivery tag and never acknowledges on its own. */
    private static List<Long> consumeWithoutAcking(Channel channel) throws Exception {
        List<Long> deliveryTags = new CopyOnWriteArrayList<>();
        channel.basicConsume(QUEUE, false, (consumerTag, delivery) -> deliveryTags.add(delivery.getEnvelope().getDeliveryTag()),
                consumerTag -> { });
        return deliveryTags;
    }

    /**
     * Waits until the consumer holds exactly {@code delivered} messages and the broker keeps exactly {@code ready}:
     * once the broker counts them as ready, it has decided not to send them.
     */
    private static void awaitDeliveriesAndReady(RabbitMqService rabbit, List<Long> deliveries, int delivered, int ready) {
        Awaitility.await(delivered + " delivered, " + ready + " ready").atMost(DELIVERY).untilAsserted(() -> {
            assertThat(deliveries).as("the consumer holds %d unacknowledged deliveries, no more", delivered).hasSize(delivered);
            assertThat(rabbit.readyMessages(QUEUE)).as("the broker holds back the rest").isEqualTo(ready);
        });
    }
}
