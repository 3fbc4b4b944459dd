package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static interviewlab.kafkapartitions.KafkaClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One record for each of 100 keys on a topic of 3 partitions; the topic grows to 6; the same keys again. */
class AddingPartitionsTest {
    private static final String TOPIC = "customers";
    private static final int KEYS = 100;

    @Test
    @Claim("KAF-9")
    void addingPartitionsMovesWhereExistingKeysGoButMovesNoData() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: 100 keys written to a topic of 3 partitions
            createTopic(kafka, TOPIC, 3);
            Map<String, Integer> before = sendOneRecordPerKey(kafka);
            Map<Integer, Long> endOffsetsBefore = endOffsets(kafka, 3);

            // when: the topic grows to 6 partitions and the same keys are written again
            try (Admin admin = admin(kafka)) {
                admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(6))).all().get();
                // the broker serves the new count a moment after the controller has committed it
                Awaitility.await("the broker reports 6 partitions").atMost(KafkaClients.WAIT).until(() ->
                        admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size() == 6);
            }
            Map<String, Integer> after = sendOneRecordPerKey(kafka);

            // then: every key now goes where hash % 6 says, so each key whose hash % 6 is 3 or more goes to another partition
            List<String> moved = before.keySet().stream().filter(key -> !before.get(key).equals(after.get(key))).sorted().toList();
            System.out.println("3 -> 6 partitions: " + moved.size() + " of " + KEYS + " keys now go to another partition");
            before.forEach((key, partition) -> assertThat(partition).as("key %s followed the formula for 3 partitions", key)
                    .isEqualTo(Partitioning.partitionFor(key, 3)));
            after.forEach((key, partition) -> assertThat(partition).as("key %s follows the formula for 6 partitions", key)
                    .isEqualTo(Partitioning.partitionFor(key, 6)));
            assertThat(moved).as("adding partitions changes where existing keys go: exactly the keys whose hash %% 6 is 3 or more")
                    .isNotEmpty()
                    .containsExactlyElementsOf(before.keySet().stream().filter(key -> Partitioning.partitionFor(key, 6) >= 3).sorted().toList());
            // and no record moved: the old partitions hold what they held, plus the new records of the keys that stayed
            Map<Integer, Long> endOffsetsAfter = endOffsets(kafka, 6);
            for (int partition = 0; partition < 3; partition++) {
                int p = partition;
                long stayed = after.values().stream().filter(value -> value == p).count();
                assertThat(endOffsetsAfter.get(partition)).as("partition %d kept its old records and got only the keys that still map to it", partition)
                        .isEqualTo(endOffsetsBefore.get(partition) + stayed);
            }
            // so a consumer of a moved key finds its history on one partition and its new records on another
            String example = moved.get(0);
            System.out.println("e.g. " + example + ": old record on partition " + before.get(example) + ", new one on partition " + after.get(example));
        }
    }

    /** Writes one record per key; returns the partition each key went to. */
    private static Map<String, Integer> sendOneRecordPerKey(KafkaService kafka) throws Exception {
        Map<String, Integer> partitionOfKey = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (int k = 0; k < KEYS; k++) {
                String key = "customer-" + k;
                partitionOfKey.put(key, send(producer, TOPIC, key, "profile update").partition());
            }
        }
        return partitionOfKey;
    }

    private static Map<Integer, Long> endOffsets(KafkaService kafka, int partitions) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }
}
