package interviewlab.redisvsrabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Publishing numbered messages to a queue and taking them all back: the workload and the reading of the RabbitMQ tests. */
final class RabbitQueues {
    /** How long a publisher waits for the broker's confirms of what it published. */
    static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private RabbitQueues() {}

    /** Declares a durable classic queue. */
    static void declareDurable(RabbitMqService rabbit, String queue) throws Exception {
        rabbit.onChannel(channel -> channel.queueDeclare(queue, true, false, false, null));
    }

    /** Publishes messages 1..count to the queue through the default exchange, with confirms, and records them as sent. */
    static DeliveryHistory publishConfirmed(
            RabbitMqService rabbit, String queue, int count, AMQP.BasicProperties properties) throws Exception {
        DeliveryHistory history = new DeliveryHistory();
        rabbit.onChannel(channel -> {
            channel.confirmSelect();
            for (long id = 1; id <= count; id++) {
                channel.basicPublish("", queue, properties, Long.toString(id).getBytes(StandardCharsets.UTF_8));
                history.sent(id);
            }
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            return null;
        });
        return history;
    }

    /** Takes every message of the queue with basic.get, acknowledging each, and records its number as received. */
    static void takeAll(RabbitMqService rabbit, String queue, DeliveryHistory history) throws Exception {
        takeAll(rabbit, queue).forEach(message -> history.received(Long.parseLong(bodyOf(message))));
    }

    /** Takes every message of the queue with basic.get, acknowledging each. */
    static List<GetResponse> takeAll(RabbitMqService rabbit, String queue) throws Exception {
        return rabbit.onChannel(channel -> {
            List<GetResponse> messages = new ArrayList<>();
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                messages.add(message);
            }
            return messages;
        });
    }

    static String bodyOf(GetResponse message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }
}
