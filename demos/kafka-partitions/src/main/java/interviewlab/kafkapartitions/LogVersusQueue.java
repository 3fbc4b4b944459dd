package interviewlab.kafkapartitions;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /**
     * What each reader got.
     *
     * @param billing the events the consumer group billing read from Kafka
     * @param analytics the events the consumer group analytics, created afterwards, read from Kafka
     * @param queueFirst how many events RabbitMQ's first consumer took and acked
     * @param queueLater how many the consumer started afterwards got
     */
    record Result(List<String> billing, List<String> analytics, int queueFirst, int queueLater) {
        /**
         * KAF-6: a group created after another has read and committed everything still gets every record. The queue is
         * the contrast: without it the run shows no difference, and says so.
         */
        Verdict check() {
            boolean log = billing.size() == EVENTS && analytics.equals(billing);
            boolean queue = queueFirst == EVENTS && queueLater == 0;
            String observed = String.format(
                    "Kafka: consumer group billing read and committed %d of %d events, then group analytics, "
                            + "created afterwards, read %d%s; RabbitMQ: the first consumer took and acked %d, the one started afterwards got %d",
                    billing.size(),
                    EVENTS,
                    analytics.size(),
                    analytics.equals(billing) ? ", the same ones" : ", not the same ones",
                    queueFirst,
                    queueLater);
            if (!log) {
                return Verdict.contradicted(
                        "KAF-6", "a consumer group did not get every record of the log: %s", observed);
            }
            if (!queue) {
                return Verdict.notShown(
                        "KAF-6",
                        "every consumer group got every record, but the queue did not show the contrast: %s",
                        observed);
            }
            return Verdict.shown("KAF-6", "to consumer groups Kafka is a log, not a queue: %s", observed);
        }
    }

    private LogVersusQueue() {}

    static Result tell(Narrator narrator, KafkaService kafka) throws Exception {
        narrator.scenario("A log, not a queue: the same " + EVENTS
                + " events in Kafka and in RabbitMQ, read once, then by a newcomer");
        KafkaClients.createTopic(kafka, NAME, 1);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka, Map.of())) {
            for (int i = 1; i <= EVENTS; i++) {
                producer.send(new ProducerRecord<>(NAME, null, "event " + i));
            }
        }
        List<String> billing = readAsNewGroup(kafka, "billing");
        narrator.say("kafka", "consumer group billing read and committed %d events", billing.size());
        List<String> analytics = readAsNewGroup(kafka, "analytics");
        narrator.say("kafka", "consumer group analytics, created afterwards, read %d events", analytics.size());

        try (RabbitMqService rabbit = new RabbitMqService()) {
            rabbit.start();
            rabbit.onChannel(channel -> {
                channel.queueDeclare(NAME, true, false, false, null);
                channel.confirmSelect();
                for (int i = 1; i <= EVENTS; i++) {
                    channel.basicPublish(
                            "",
                            NAME,
                            MessageProperties.PERSISTENT_TEXT_PLAIN,
                            ("event " + i).getBytes(StandardCharsets.UTF_8));
                }
                return channel.waitForConfirms(KafkaClients.WAIT.toMillis());
            });
            int queueFirst = takeAndAckAll(rabbit);
            narrator.say("rabbitmq", "consumer billing took and acked %d events", queueFirst);
            int queueLater = takeAndAckAll(rabbit);
            narrator.say("rabbitmq", "consumer analytics, started afterwards, got %d", queueLater);
            return new Result(billing, analytics, queueFirst, queueLater);
        }
    }

    /** The events a brand-new group reads from the start, once it has read as many as were produced; committed. */
    private static List<String> readAsNewGroup(KafkaService kafka, String group) {
        try (KafkaConsumer<String, String> consumer =
                KafkaClients.consumer(kafka, group, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of(NAME));
            List<String> events = KafkaClients.pollUntil(consumer, EVENTS).stream()
                    .map(ConsumerRecord::value)
                    .toList();
            consumer.commitSync();
            return events;
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
