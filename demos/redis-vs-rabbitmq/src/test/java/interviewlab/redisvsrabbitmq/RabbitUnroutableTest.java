package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.RabbitQueues.CONFIRM_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Return;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A message published to an exchange with no queue bound to it: a publisher error that RabbitMQ does not report,
 * and that a publisher confirm does not reveal either, unless the message is published as mandatory. Both tests
 * share one broker: neither binds a queue or harms the broker.
 */
@Testcontainers
class RabbitUnroutableTest {
    private static final String EXCHANGE = "orders";

    @Container
    private static final RabbitMqService RABBIT = new RabbitMqService();

    @Test
    @Claim("RMQ-9")
    void anUnroutableMessageIsConfirmedAndSilentlyDropped() throws Exception {
        // given: an exchange no queue is bound to, and a publisher with confirms
        // when: it publishes a message without the mandatory flag
        List<Return> returns = publishUnroutable(RABBIT, false);

        // then: the broker confirmed it, and nothing told the publisher that it went nowhere
        assertThat(returns)
                .as("an unroutable message published without mandatory is dropped without a word")
                .isEmpty();
    }

    @Test
    @Claim("RMQ-9")
    void anUnroutableMandatoryMessageComesBackToThePublisher() throws Exception {
        // given: the same exchange and publisher
        // when: it publishes the message with the mandatory flag
        List<Return> returns = publishUnroutable(RABBIT, true);

        // then: the broker returns it with NO_ROUTE (before it confirms it)
        assertThat(returns)
                .as("a mandatory message that reaches no queue is returned to its publisher")
                .hasSize(1);
        assertThat(returns.get(0).getReplyCode()).as("reply code 312, NO_ROUTE").isEqualTo(312);
        assertThat(returns.get(0).getReplyText()).isEqualTo("NO_ROUTE");
    }

    /** Publishes one message to the unbound exchange; asserts the broker confirmed it; returns what came back. */
    private static List<Return> publishUnroutable(RabbitMqService rabbit, boolean mandatory) throws Exception {
        try (Connection connection = rabbit.connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(EXCHANGE, "direct", true);
            List<Return> returns = new CopyOnWriteArrayList<>();
            channel.addReturnListener(returns::add);
            channel.confirmSelect();
            channel.basicPublish(
                    EXCHANGE,
                    "new-order",
                    mandatory,
                    MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "order-1".getBytes(StandardCharsets.UTF_8));
            // The broker sends basic.return before basic.ack, and the client handles them in that order.
            assertThat(channel.waitForConfirms(CONFIRM_TIMEOUT_MILLIS))
                    .as("a confirm says the broker has handled the message, not that a queue has it")
                    .isTrue();
            return returns;
        }
    }
}
