package interviewlab.kafkapartitions;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The demo's short contrast: the same 10 events in a Kafka topic and in a RabbitMQ queue, consumed once, then asked
 * for again by a newcomer. The RabbitMQ side is proven at length in docs/redis-vs-rabbitmq.md.
 */
final class LogVersusQueue {
    private static final String NAME = "events";
    private static final int EVENTS = 10;

    private LogVersusQueue() {
    }

    static void tell(Narrator narrator, KafkaService kafka) throws Exception {
        narrator.scenario("A log, not a queue: the same " + EVENTS + " events in Kafka and in RabbitMQ, read once, then by a newcomer");
        KafkaClients.createTopic(kafka, NAME, 1);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka, Map.of())) {
            for (int i = 1; i <= EVENTS; i++) {
                producer.send(new ProducerRecord<>(NAME, null, "event " + i));
            }
        }
        narrator.say("kafka", "group billing read %d events", readAsNewGroup(kafka, "billing"));
        narrator.say("kafka", "group analytics, created afterwards, read %d events: the log still has them all", readAsNewGroup(kafka, "analytics"));

        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            rabbit.onChannel(channel -> {
                channel.queueDeclare(NAME, true, false, false, null);
                channel.confirmSelect();
                for (int i = 1; i <= EVENTS; i++) {
                    channel.basicPublish("", NAME, MessageProperties.PERSISTENT_TEXT_PLAIN, ("event " + i).getBytes(StandardCharsets.UTF_8));
                }
                return channel.waitForConfirms(KafkaClients.WAIT.toMillis());
            });
            narrator.say("rabbitmq", "consumer billing took and acked %d events", takeAndAckAll(rabbit));
            narrator.say("rabbitmq", "consumer analytics, started afterwards, got %d: an acked message is gone", takeAndAckAll(rabbit));
        }
        narrator.verdict("Kafka keeps every record for every group until retention; a queue hands each message to one consumer, once");
    }

    private static int readAsNewGroup(KafkaService kafka, String group) {
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka, group, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of(NAME));
            return KafkaClients.pollUntil(consumer, EVENTS).size();
        }
    }

    private static int takeAndAckAll(RabbitMqService rabbit) throws Exception {
        return rabbit.onChannel(channel -> {
            int taken = 0;
            GetResponse message;
            while ((message = channel.basicGet(NAME, false)) != null) {
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                taken++;
            }
            return taken;
        });
    }
}
