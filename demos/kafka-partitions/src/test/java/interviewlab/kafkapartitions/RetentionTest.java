package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A topic whose records are kept 2 seconds, in segments of 1 second; nobody ever consumes it. The broker checks
 * retention every second (images/kafka/server.properties).
 */
class RetentionTest {
    private static final String TOPIC = "short-lived";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 100;

    @Test
    @Claim("KAF-14")
    void retentionNotConsumptionDeletesRecordsEvenOnesNobodyRead() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: 100 records in a topic with retention.ms = 2 s, read by nobody
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "2000",
                        TopicConfig.SEGMENT_MS_CONFIG, "1000")))).all().get();
            }
            long sentAt = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                for (int i = 1; i <= RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, null, Integer.toString(i)));
                }
                // when: time passes; a later record rolls a new segment, so the old one can go (the active one never does)
                Awaitility.await("the first 100 records have expired").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            producer.send(new ProducerRecord<>(TOPIC, null, "later")).get();
                            return logStartOffset(kafka) >= RECORDS;
                        });
            }
            System.out.printf("retention deleted the first %d records %.1f s after they were written%n", RECORDS, (System.nanoTime() - sentAt) / 1e9);

            // then: a group reading from the very beginning finds none of them
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "latecomers", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> first = pollUntil(consumer, 1);
                assertThat(first.get(0).offset()).as("retention removed records nobody had consumed: the log now starts after them")
                        .isGreaterThanOrEqualTo(RECORDS);
                assertThat(first.get(0).value()).isEqualTo("later");
            }
        }
    }

    private static long logStartOffset(KafkaService kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            return admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION).get().offset();
        }
    }
}
