package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.RabbitQueues.CONFIRM_TIMEOUT_MILLIS;
import static interviewlab.redisvsrabbitmq.RabbitQueues.takeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A publisher sends persistent messages to a durable queue; the broker's network is cut, the publisher keeps
 * publishing, and the broker is killed with kill -9 and started again. Every basic.publish returns normally either
 * way: the difference is whether the publisher can tell which messages the broker took responsibility for.
 */
class RabbitPublisherConfirmsTest {
    private static final String QUEUE = "orders";
    private static final int BEFORE_THE_CUT = 100;
    /** Few enough to fit in the socket's send buffer, so the publish calls return rather than block. */
    private static final int AFTER_THE_CUT = 50;
    /** How long the publisher waits for confirms that cannot come, before it treats the messages as unconfirmed. */
    private static final long UNCONFIRMED_AFTER_MILLIS = 2_000;

    @Test
    @Claim("RMQ-8")
    void withoutConfirmsAPublisherSeesNoErrorForMessagesABrokerCrashLost() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            RabbitQueues.declareDurable(rabbit, QUEUE);
            DeliveryHistory history = new DeliveryHistory();
            Connection connection = rabbit.connectionFactory().newConnection();
            try {
                Channel channel = connection.createChannel();
                // given: a publisher without confirms, publishing messages 1..100
                publish(channel, 1, BEFORE_THE_CUT, history);
                // when: the broker's network is cut, messages 101..150 are published, and the broker is killed with
                // kill -9
                Faults.cutNetwork(rabbit); // no heal: the kill takes the container's network rules with it
                publish(channel, BEFORE_THE_CUT + 1, BEFORE_THE_CUT + AFTER_THE_CUT, history);
                Faults.killNine(rabbit);
                Faults.startAgain(rabbit);
            } finally {
                connection.abort(); // the broker it talked to is gone: close without waiting for an answer
            }

            // then: all 150 publish calls returned normally, yet the broker does not have 101..150
            takeAll(rabbit, QUEUE, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("no confirms, network cut then kill -9: " + verdict.summary());
            assertThat(verdict.lost())
                    .as(
                            "without confirms a publisher sees no error for messages the broker never stored; it cannot tell which ones to resend")
                    .containsAll(range(BEFORE_THE_CUT + 1, BEFORE_THE_CUT + AFTER_THE_CUT));
        }
    }

    @Test
    @Claim("RMQ-8")
    void withConfirmsAPublisherKnowsExactlyWhichMessagesToResendAfterABrokerCrash() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            RabbitQueues.declareDurable(rabbit, QUEUE);
            DeliveryHistory history = new DeliveryHistory();
            // publish sequence number -> message id, for every message the broker has not confirmed yet
            NavigableMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();
            List<Long> confirmed = new CopyOnWriteArrayList<>();
            Connection connection = rabbit.connectionFactory().newConnection();
            try {
                Channel channel = connection.createChannel();
                // snippet:publisher-confirms
                channel.confirmSelect();
                // The broker confirms by publish sequence number; "multiple" confirms every number up to this one.
                channel.addConfirmListener(
                        (sequenceNumber, multiple) -> {
                            NavigableMap<Long, Long> acked = multiple
                                    ? unconfirmed.headMap(sequenceNumber, true)
                                    : unconfirmed.subMap(sequenceNumber, true, sequenceNumber, true);
                            confirmed.addAll(acked.values());
                            acked.clear();
                        },
                        (sequenceNumber, multiple) -> {}); // a nack leaves the message in unconfirmed, to be resent
                // end-snippet
                // given: a publisher with confirms, publishing messages 1..100, all confirmed
                publishTracked(channel, 1, BEFORE_THE_CUT, unconfirmed, history);
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
                // when: the same cut, messages 101..150, and kill -9
                Faults.cutNetwork(rabbit);
                publishTracked(channel, BEFORE_THE_CUT + 1, BEFORE_THE_CUT + AFTER_THE_CUT, unconfirmed, history);
                assertThat(confirmsArrive(channel))
                        .as("the broker confirms nothing it did not receive")
                        .isFalse();
                Faults.killNine(rabbit);
                Faults.startAgain(rabbit);
            } finally {
                connection.abort();
            }

            // then: the publisher knows exactly what was not confirmed: 101..150
            assertThat(unconfirmed.values())
                    .as("confirms tell the publisher which messages the broker has not taken responsibility for")
                    .containsExactlyElementsOf(range(BEFORE_THE_CUT + 1, BEFORE_THE_CUT + AFTER_THE_CUT));
            // and after it resends them, the queue holds every message
            rabbit.onChannel(channel -> {
                channel.confirmSelect();
                for (long id : unconfirmed.values()) {
                    channel.basicPublish("", QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, body(id));
                }
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
                return null;
            });
            takeAll(rabbit, QUEUE, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("confirms, network cut then kill -9, unconfirmed resent: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as(
                            "every confirmed message survived kill -9, and resending the unconfirmed ones lost nothing: %s",
                            verdict)
                    .isTrue();
            assertThat(confirmed)
                    .as("the broker confirmed exactly messages 1..100")
                    .containsExactlyInAnyOrderElementsOf(range(1, BEFORE_THE_CUT));
        }
    }

    private static void publish(Channel channel, long from, long to, DeliveryHistory history) throws Exception {
        for (long id = from; id <= to; id++) {
            channel.basicPublish("", QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, body(id));
            history.sent(id);
        }
    }

    private static void publishTracked(
            Channel channel, long from, long to, NavigableMap<Long, Long> unconfirmed, DeliveryHistory history)
            throws Exception {
        for (long id = from; id <= to; id++) {
            // snippet:publisher-confirms-publish
            unconfirmed.put(channel.getNextPublishSeqNo(), id);
            channel.basicPublish("", QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, body(id));
            // end-snippet
            history.sent(id);
        }
    }

    /** The publisher's own bounded wait: no confirm within it, and the publisher treats the messages as unconfirmed. */
    private static boolean confirmsArrive(Channel channel) throws InterruptedException {
        try {
            return channel.waitForConfirms(UNCONFIRMED_AFTER_MILLIS);
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static byte[] body(long id) {
        return Long.toString(id).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
