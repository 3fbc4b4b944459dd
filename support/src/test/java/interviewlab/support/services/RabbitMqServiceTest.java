package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import interviewlab.support.checks.RoundTrips;
import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.Test;

class RabbitMqServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedRabbitMqRoutesAMessageToAQueue() throws Exception {
        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            assertThat(RoundTrips.rabbitMq(rabbit.connectionFactory(), "hello"))
                    .as("the ready broker gives back the message published")
                    .isEqualTo("hello");
            try (Connection connection = rabbit.connectionFactory().newConnection()) {
                assertThat(connection.getServerProperties().get("version"))
                        .as("the image runs the pinned RabbitMQ version")
                        .hasToString(LabImages.RABBITMQ.version());
            }
        }
    }
}
