package interviewlab.redisvsrabbitmq.throughput;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * RabbitMQ with one queue. Both harnesses do the same work: one producer on one channel publishes 32-byte messages
 * through {@value #EXCHANGE} to the queue; with confirms on, the trial ends when every message is confirmed.
 */
record RabbitSetting(String durability, boolean persistent, boolean confirms, boolean quorum) implements Setting {
    static final String QUEUE = "jobs";
    static final String EXCHANGE = "amq.direct";
    private static final byte[] BODY = "x".repeat(MESSAGE_BYTES).getBytes(StandardCharsets.UTF_8);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public Broker broker() {
        return Broker.RABBITMQ;
    }

    @Override
    public Running prepare() {
        RabbitMqService rabbit = new RabbitMqService();
        return new Running() {
            @Override
            public LabContainer<?> container() {
                return rabbit;
            }

            @Override
            public double trial(Harness harness, int messages) throws Exception {
                try (Connection connection = rabbit.connectionFactory().newConnection();
                        Channel channel = connection.createChannel()) {
                    emptyQueue(channel);
                    double rate = harness == Harness.LAB_CLIENT
                            ? publish(channel, messages)
                            : PerfTestRun.publish(rabbit, RabbitSetting.this, messages);
                    // Whoever published, the next trial starts only once the broker holds every message: a backlog
                    // still being written would slow the next trial, and a count short of it means nothing was routed.
                    awaitQueued(channel, messages);
                    return rate;
                }
            }

            @Override
            public void close() {
                rabbit.close();
            }
        };
    }

    private void emptyQueue(Channel channel) throws Exception {
        channel.queueDelete(QUEUE);
        channel.queueDeclare(QUEUE, persistent, false, false, quorum ? Map.of("x-queue-type", "quorum") : Map.of());
        channel.queueBind(QUEUE, EXCHANGE, QUEUE);
    }

    private double publish(Channel channel, int messages) throws Exception {
        AMQP.BasicProperties properties = persistent ? MessageProperties.PERSISTENT_BASIC : MessageProperties.BASIC;
        if (confirms) {
            channel.confirmSelect();
        }
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            channel.basicPublish(EXCHANGE, QUEUE, properties, BODY);
        }
        if (confirms) {
            channel.waitForConfirmsOrDie(DRAIN_TIMEOUT.toMillis());
        } else {
            // Without confirms the publisher cannot know when the broker has them: ask the queue.
            awaitQueued(channel, messages);
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitQueued(Channel channel, int messages) {
        Awaitility.await("all " + messages + " messages in the queue")
                .atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> channel.queueDeclarePassive(QUEUE).getMessageCount() >= messages);
    }
}
