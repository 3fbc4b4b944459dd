package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** 100 records on a one-partition topic, read by one group after another. */
class LogNotQueueTest {
    private static final String TOPIC = "events";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 100;

    @Test
    @Claim("KAF-6")
    void consumingDeletesNothingAndEveryGroupGetsEveryRecord() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, 1);
            // given: 100 records
            try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                for (int i = 1; i <= RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, null, Integer.toString(i)));
                }
            }
            // when: the group "billing" reads them all and commits
            List<String> billing = readAllAndCommit(kafka, "billing");

            // then: the log still starts at offset 0: nothing was removed by consuming
            try (Admin admin = admin(kafka)) {
                long logStart = admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest()))
                        .partitionResult(PARTITION)
                        .get()
                        .offset();
                assertThat(logStart)
                        .as("consuming does not delete: the log still starts at offset 0")
                        .isZero();
            }
            // and a second group, and a group created afterwards, each get all 100 again, from the beginning
            List<String> analytics = readAllAndCommit(kafka, "analytics");
            List<String> replay = readAllAndCommit(kafka, "replay-after-the-fact");
            assertThat(analytics)
                    .as("every independent group receives every record")
                    .isEqualTo(billing)
                    .hasSize(RECORDS);
            assertThat(replay)
                    .as("a new group can replay the log from its start")
                    .isEqualTo(billing);
        }
    }

    private static List<String> readAllAndCommit(KafkaService kafka, String group) {
        try (KafkaConsumer<String, String> consumer =
                consumer(kafka, group, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of(TOPIC));
            List<String> values = pollUntil(consumer, RECORDS).stream()
                    .map(ConsumerRecord::value)
                    .toList();
            consumer.commitSync();
            return values;
        }
    }
}
