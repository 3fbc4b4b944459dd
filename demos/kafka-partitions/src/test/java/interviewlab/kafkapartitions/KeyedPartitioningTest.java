package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static interviewlab.kafkapartitions.KafkaClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Keyed records on a topic of 6 partitions: the broker reports where each one was written. */
class KeyedPartitioningTest {
    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 6;
    private static final int KEYS = 200;
    private static final int RECORDS_PER_KEY = 5;
    /** 200 bytes a record: enough bytes that a key-blind producer moves on to another partition many times. */
    private static final String VALUE = "x".repeat(200);

    @Test
    @Claim("KAF-1")
    void aKeyedRecordLandsOnThePartitionComputedFromTheHashOfItsKey() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer with the default partitioning
            // when: it sends 5 records for each of 200 keys
            Map<String, Set<Integer>> partitionsOfKey = sendKeyedRecords(kafka, Map.of());

            // then: every record of a key is on one partition, the one the formula gives
            partitionsOfKey.forEach((key, partitions) -> assertThat(partitions)
                    .as("key %s: toPositive(murmur2(key)) %% %d", key, PARTITIONS)
                    .containsExactly(Partitioning.partitionFor(key, PARTITIONS)));
            assertThat(partitionsOfKey.values().stream()
                            .flatMap(Set::stream)
                            .distinct()
                            .count())
                    .as("200 keys spread over all 6 partitions")
                    .isEqualTo(PARTITIONS);
            Verdict verdict = Partitioning.checkKeyed(partitionsOfKey, PARTITIONS);
            assertThat(verdict.kind())
                    .as("the demo's checker shows KAF-1: %s", verdict.sentence())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("KAF-1")
    void withKeysIgnoredTheSameKeyLandsOnSeveralPartitions() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer told to ignore keys when it partitions (partitioner.ignore.keys=true)
            // when: it sends the same records
            Map<String, Set<Integer>> partitionsOfKey =
                    sendKeyedRecords(kafka, Map.of(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true));

            // then: the key no longer decides: records of one key are on different partitions
            long keysOnMoreThanOnePartition = partitionsOfKey.values().stream()
                    .filter(partitions -> partitions.size() > 1)
                    .count();
            System.out.println("partitioner.ignore.keys=true: " + keysOnMoreThanOnePartition + " of " + KEYS
                    + " keys on more than one partition");
            assertThat(keysOnMoreThanOnePartition)
                    .as("without the key hash, records of one key are not kept together")
                    .isPositive();
            assertThat(Partitioning.checkKeyed(partitionsOfKey, PARTITIONS).kind())
                    .as("the demo's checker sees keys off their formula partition")
                    .isEqualTo(Verdict.Kind.CONTRADICTED);
        }
    }

    /** Sends 5 rounds of one record per key, one at a time; returns the partitions the broker wrote each key to. */
    private static Map<String, Set<Integer>> sendKeyedRecords(KafkaService kafka, Map<String, Object> overrides)
            throws Exception {
        Map<String, Set<Integer>> partitionsOfKey = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(kafka, overrides)) {
            for (int round = 1; round <= RECORDS_PER_KEY; round++) {
                for (int k = 0; k < KEYS; k++) {
                    String key = "customer-" + k;
                    RecordMetadata written = send(producer, TOPIC, key, VALUE);
                    partitionsOfKey.computeIfAbsent(key, any -> new HashSet<>()).add(written.partition());
                }
            }
        }
        return partitionsOfKey;
    }
}
