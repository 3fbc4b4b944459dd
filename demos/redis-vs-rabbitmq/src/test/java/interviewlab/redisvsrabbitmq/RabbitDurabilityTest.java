package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.RabbitQueues.publishConfirmed;
import static interviewlab.redisvsrabbitmq.RabbitQueues.takeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.MessageProperties;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.RabbitMqService;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a RabbitMQ broker still has after it restarts, by queue type, queue durability and message delivery mode.
 * Every message is confirmed by the broker before the restart, so what is missing afterwards was dropped by the
 * broker, not lost on the way.
 */
class RabbitDurabilityTest {
    private static final String QUEUE = "orders";
    private static final int MESSAGES = 1_000;

    @Test
    @Claim("RMQ-5")
    void aDurableQueueKeepsItsPersistentMessagesAcrossARestart() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: a durable queue holding 1,000 persistent messages
            declareClassicQueue(rabbit, true);
            DeliveryHistory history =
                    publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.PERSISTENT_TEXT_PLAIN);

            // when: the broker restarts
            Faults.restartGracefully(rabbit);

            // then: every message is still there, in order
            takeAll(rabbit, QUEUE, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("durable queue, persistent messages, restart: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("a durable queue keeps its persistent messages across a restart: %s", verdict)
                    .isTrue();
            assertThat(verdict.reordered()).as("and keeps their order").isZero();
        }
    }

    @Test
    @Claim("RMQ-6")
    void aDurableQueueDropsItsTransientMessagesOnARestart() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: the same durable queue, but the 1,000 messages published as transient (delivery mode 1)
            declareClassicQueue(rabbit, true);
            DeliveryHistory history = publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.TEXT_PLAIN);

            // when: the broker restarts
            Faults.restartGracefully(rabbit);

            // then: the queue is back, empty
            takeAll(rabbit, QUEUE, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("durable queue, transient messages, restart: " + verdict.summary());
            assertThat(verdict.lost())
                    .as("a transient message does not survive a restart, even in a durable queue")
                    .hasSize(MESSAGES);
        }
    }

    @Test
    @Claim("RMQ-6")
    void aNonDurableQueueIsGoneAfterARestartWithItsPersistentMessages() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: a non-durable queue holding 1,000 persistent messages
            declareClassicQueue(rabbit, false);
            publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.PERSISTENT_TEXT_PLAIN);

            // when: the broker restarts
            Faults.restartGracefully(rabbit);

            // then: the queue itself no longer exists, and with it every message
            assertThatThrownBy(() -> rabbit.readyMessages(QUEUE))
                    .as("a non-durable queue does not survive a restart, whatever its messages' delivery mode")
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("NOT_FOUND");
        }
    }

    @Test
    @Claim("RMQ-7")
    void aQuorumQueueKeepsEveryConfirmedMessageThroughAKillNineEvenMessagesPublishedAsTransient() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            // given: a quorum queue holding 1,000 messages published as transient, each confirmed by the broker
            rabbit.onChannel(
                    channel -> channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum")));
            rabbit.awaitQuorumQueueRegisteredOnDisk(QUEUE);
            DeliveryHistory history = publishConfirmed(rabbit, QUEUE, MESSAGES, MessageProperties.TEXT_PLAIN);

            // when: the broker is killed with kill -9 and started again
            Faults.killNine(rabbit);
            Faults.startAgain(rabbit);

            // then: every message is there: a quorum queue writes each one to its log before it confirms it
            takeAll(rabbit, QUEUE, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("quorum queue, transient messages, kill -9: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("a quorum queue keeps every confirmed message through kill -9: %s", verdict)
                    .isTrue();
        }
    }

    private static void declareClassicQueue(RabbitMqService rabbit, boolean durable) throws Exception {
        rabbit.onChannel(channel -> channel.queueDeclare(QUEUE, durable, false, false, null));
    }
}
