package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.Test;

class RabbitMqServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedRabbitMqRoutesAMessageToAQueue() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            try (Connection connection = rabbit.connectionFactory().newConnection();
                 Channel channel = connection.createChannel()) {
                String queue = channel.queueDeclare().getQueue();
                channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
                GetResponse response = channel.basicGet(queue, true);
                assertThat(response).as("the message published to the queue is there to get").isNotNull();
                assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
                assertThat(connection.getServerProperties().get("version")).as("the image runs the pinned RabbitMQ version")
                        .hasToString(LabImages.RABBITMQ.version());
            }
        }
    }
}
