package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * One producer sends 100 numbered events for each of two accounts, alternating (alice 1, bob 1, alice 2, ...), to a
 * topic of 3 partitions; the two keys hash to different partitions. One consumer then reads all 200.
 */
class OrderingTest {
    private static final String TOPIC = "payments";
    private static final int PARTITIONS = 3;
    private static final int EVENTS_PER_KEY = 100;
    private static final List<String> KEYS = twoKeysOnDifferentPartitions();

    @Test
    @Claim("KAF-3")
    void theRecordsOfOneKeyAreConsumedInTheOrderTheyWereProduced() throws Exception {
        List<ConsumerRecord<String, String>> consumed = produceAlternatingThenConsumeAll();
        for (String key : KEYS) {
            DeliveryHistory history = new DeliveryHistory();
            for (int event = 1; event <= EVENTS_PER_KEY; event++) {
                history.sent(event);
            }
            consumed.stream()
                    .filter(record -> record.key().equals(key))
                    .forEach(record -> history.received(sequenceOf(record)));
            DeliveryVerdict verdict = history.check();
            System.out.println("key " + key + ": " + verdict.summary());
            assertThat(verdict.reordered())
                    .as("one key, one partition: its records come in the order they were produced")
                    .isZero();
            assertThat(verdict.nothingLost())
                    .as("all of %s's records arrived", key)
                    .isTrue();
        }
    }

    @Test
    @Claim("KAF-4")
    void recordsOfDifferentPartitionsAreNotConsumedInTheOrderTheyWereProduced() throws Exception {
        List<ConsumerRecord<String, String>> consumed = produceAlternatingThenConsumeAll();
        // the production order as one sequence: alice 1 = 1, bob 1 = 2, alice 2 = 3, ...
        DeliveryHistory history = new DeliveryHistory();
        for (long position = 1; position <= 2L * EVENTS_PER_KEY; position++) {
            history.sent(position);
        }
        consumed.forEach(record -> history.received(2L * (sequenceOf(record) - 1) + KEYS.indexOf(record.key()) + 1));
        DeliveryVerdict verdict = history.check();
        System.out.println("both keys together: " + verdict.summary() + "; first 6 consumed: "
                + consumed.stream()
                        .limit(6)
                        .map(record -> record.key() + " " + record.value())
                        .toList());
        assertThat(verdict.reordered())
                .as("across partitions there is no order: the records interleave differently than produced")
                .isPositive();
    }

    private static List<ConsumerRecord<String, String>> produceAlternatingThenConsumeAll() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                for (int event = 1; event <= EVENTS_PER_KEY; event++) {
                    for (String key : KEYS) {
                        producer.send(new ProducerRecord<>(TOPIC, key, Integer.toString(event)));
                    }
                }
            }
            try (KafkaConsumer<String, String> consumer =
                    consumer(kafka, "auditors", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(TOPIC));
                return pollUntil(consumer, KEYS.size() * EVENTS_PER_KEY);
            }
        }
    }

    private static long sequenceOf(ConsumerRecord<String, String> record) {
        return Long.parseLong(record.value());
    }

    /** "alice" and the first "bob-n" that the formula puts on another partition than alice. */
    private static List<String> twoKeysOnDifferentPartitions() {
        int alice = Partitioning.partitionFor("alice", PARTITIONS);
        for (int n = 1; ; n++) {
            if (Partitioning.partitionFor("bob-" + n, PARTITIONS) != alice) {
                return List.of("alice", "bob-" + n);
            }
        }
    }
}
