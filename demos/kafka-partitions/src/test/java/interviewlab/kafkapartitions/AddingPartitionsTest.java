package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static interviewlab.kafkapartitions.KafkaClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One record for each of 100 keys on a topic of 3 partitions; the topic grows to 6; the same keys again. */
class AddingPartitionsTest {
    private static final String TOPIC = "customers";
    private static final int KEYS = 100;
    private static final String FIRST_WRITE = "written on 3 partitions";
    private static final String SECOND_WRITE = "written on 6 partitions";

    @Test
    @Claim("KAF-9")
    void addingPartitionsMovesWhereExistingKeysGoButMovesNoData() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: 100 keys written to a topic of 3 partitions
            createTopic(kafka, TOPIC, 3);
            Map<String, Integer> before = sendOneRecordPerKey(kafka, FIRST_WRITE);
            Map<Integer, Long> endOffsetsBefore = offsets(kafka, 3, OffsetSpec.latest());

            // when: the topic grows to 6 partitions and the same keys are written again
            try (Admin admin = admin(kafka)) {
                admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(6)))
                        .all()
                        .get();
                // the broker serves the new count a moment after the controller has committed it
                Awaitility.await("the broker reports 6 partitions")
                        .atMost(KafkaClients.WAIT)
                        .until(() -> admin.describeTopics(List.of(TOPIC))
                                        .allTopicNames()
                                        .get()
                                        .get(TOPIC)
                                        .partitions()
                                        .size()
                                == 6);
            }
            Map<String, Integer> after = sendOneRecordPerKey(kafka, SECOND_WRITE);

            // then: every key now goes where hash % 6 says, so each key whose hash % 6 is 3 or more goes to another
            // partition
            List<String> moved = before.keySet().stream()
                    .filter(key -> !before.get(key).equals(after.get(key)))
                    .sorted()
                    .toList();
            System.out.println(
                    "3 -> 6 partitions: " + moved.size() + " of " + KEYS + " keys now go to another partition");
            before.forEach((key, partition) -> assertThat(partition)
                    .as("key %s followed the formula for 3 partitions", key)
                    .isEqualTo(Partitioning.partitionFor(key, 3)));
            after.forEach((key, partition) -> assertThat(partition)
                    .as("key %s follows the formula for 6 partitions", key)
                    .isEqualTo(Partitioning.partitionFor(key, 6)));
            assertThat(moved)
                    .as(
                            "adding partitions changes where existing keys go: exactly the keys whose hash %% 6 is 3 or more")
                    .isNotEmpty()
                    .containsExactlyElementsOf(before.keySet().stream()
                            .filter(key -> Partitioning.partitionFor(key, 6) >= 3)
                            .sorted()
                            .toList());
            // and no record moved: the old partitions still start at offset 0 and hold what they held, plus the new
            // records of the keys that stayed; the new partitions hold only records written after the change
            Map<Integer, Long> startOffsetsAfter = offsets(kafka, 6, OffsetSpec.earliest());
            Map<Integer, Long> endOffsetsAfter = offsets(kafka, 6, OffsetSpec.latest());
            for (int partition = 0; partition < 6; partition++) {
                int p = partition;
                long writtenAfterTheChange =
                        after.values().stream().filter(value -> value == p).count();
                long heldBefore = partition < 3 ? endOffsetsBefore.get(partition) : 0;
                assertThat(startOffsetsAfter.get(partition))
                        .as("partition %d lost no record: its log still starts at offset 0", partition)
                        .isZero();
                assertThat(endOffsetsAfter.get(partition))
                        .as(
                                "partition %d holds its %d old records and only the %d new ones whose key maps to it",
                                partition, heldBefore, writtenAfterTheChange)
                        .isEqualTo(heldBefore + writtenAfterTheChange);
            }
            // and reading the whole topic from the start, each key's first record is where it was, in the order written
            Map<Integer, List<ConsumerRecord<String, String>>> recordsOnPartition = readAllFromTheStart(kafka);
            for (int partition = 0; partition < 6; partition++) {
                int p = partition;
                List<String> keysWrittenThereFirst = before.keySet().stream()
                        .filter(key -> before.get(key) == p)
                        .toList();
                List<ConsumerRecord<String, String>> firstWrites =
                        recordsOnPartition.getOrDefault(partition, List.of()).stream()
                                .filter(record -> record.value().equals(FIRST_WRITE))
                                .toList();
                assertThat(firstWrites.stream().map(ConsumerRecord::key).toList())
                        .as(
                                "partition %d holds exactly the first records of the keys written to it on 3 partitions",
                                partition)
                        .containsExactlyElementsOf(keysWrittenThereFirst);
                assertThat(firstWrites.stream().map(ConsumerRecord::offset).toList())
                        .as("partition %d holds them at the offsets they were written to, from 0", partition)
                        .containsExactlyElementsOf(LongStream.range(0, keysWrittenThereFirst.size())
                                .boxed()
                                .toList());
            }
            // so a consumer of a moved key finds its history on one partition and its new records on another
            String example = moved.get(0);
            System.out.println("e.g. " + example + ": old record on partition " + before.get(example)
                    + ", new one on partition " + after.get(example));
        }
    }

    /** Writes one record per key, customer-0 to customer-99 in that order; returns the partition each key went to, in that order. */
    private static Map<String, Integer> sendOneRecordPerKey(KafkaService kafka, String value) throws Exception {
        Map<String, Integer> partitionOfKey = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (int k = 0; k < KEYS; k++) {
                String key = "customer-" + k;
                partitionOfKey.put(key, send(producer, TOPIC, key, value).partition());
            }
        }
        return partitionOfKey;
    }

    private static Map<Integer, Long> offsets(KafkaService kafka, int partitions, OffsetSpec spec) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetSpec> specs = IntStream.range(0, partitions)
                    .boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> spec));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(specs).all().get();
            return offsets.entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** Every record of the 6 partitions, read from offset 0; per partition in offset order. */
    private static Map<Integer, List<ConsumerRecord<String, String>>> readAllFromTheStart(KafkaService kafka) {
        try (KafkaConsumer<String, String> consumer =
                consumer(kafka, "auditors", Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = IntStream.range(0, 6)
                    .mapToObj(p -> new TopicPartition(TOPIC, p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return pollUntil(consumer, 2 * KEYS).stream().collect(Collectors.groupingBy(ConsumerRecord::partition));
        }
    }
}
