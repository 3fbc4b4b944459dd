package interviewlab.kafkapartitions;

import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** The topic's admin, producers and consumers, with string keys and values, set up the same way in the demo and the tests. */
public final class KafkaClients {
    /** How long a record may take to arrive, a group to assign, a topic to appear. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaClients() {}

    public static Admin admin(KafkaService kafka) {
        return Admin.create(kafka.clientConfig());
    }

    /**
     * Creates the topic and returns once the broker can name a leader for every partition. In KRaft the controller
     * creates the topic and the broker learns of it a moment later; a producer that starts in between was once
     * seen to strand a batch for one partition until delivery.timeout.ms (120 s) ran out.
     */
    public static void createTopic(KafkaService kafka, String topic, int partitions)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
            Awaitility.await(topic + " has a leader for each of its " + partitions + " partitions")
                    .atMost(WAIT)
                    .pollInterval(POLL)
                    .ignoreExceptions() // the broker answers "unknown topic" until it has caught up
                    .until(
                            () -> admin.describeTopics(List.of(topic))
                                    .allTopicNames()
                                    .get()
                                    .get(topic)
                                    .partitions(),
                            described -> described.size() == partitions
                                    && described.stream()
                                            .allMatch(p -> p.leader() != null
                                                    && !p.leader().isEmpty()));
        }
    }

    /** A producer with the client's defaults, except for {@code overrides}. */
    public static KafkaProducer<String, String> producer(KafkaService kafka, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends one record and waits for the broker's answer: the partition and offset it was written to. */
    public static RecordMetadata send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** A consumer in {@code group} with the client's defaults, except for {@code overrides}. */
    public static KafkaConsumer<String, String> consumer(
            KafkaService kafka, String group, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.putAll(overrides);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code count} records have arrived (at most {@link #WAIT}); returns them in the order they came. */
    public static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Awaitility.await(count + " records")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    consumer.poll(POLL).forEach(records::add);
                    return records.size() >= count;
                });
        return records;
    }
}
