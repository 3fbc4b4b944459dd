package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A one-partition topic nobody ever consumes, its 100 records all in one segment, the active one (the topic keeps the
 * default segment.ms and segment.bytes, 7 days and 1 GiB); the producer sets each record's timestamp (CreateTime, the
 * default). The broker checks retention every second (images/kafka/server.properties).
 */
class RetentionTest {
    private static final String TOPIC = "short-lived";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 100;
    private static final Duration LONG_RETENTION = Duration.ofMinutes(10);
    private static final Duration SHORT_RETENTION = Duration.ofSeconds(2);
    /** Three of the broker's retention checks. */
    private static final Duration THREE_RETENTION_CHECKS = Duration.ofSeconds(3);

    @Test
    @Claim("KAF-14")
    void retentionNotConsumptionDeletesRecordsAWholeSegmentAtATime() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            try (Admin admin = admin(kafka)) {
                // given: a topic kept 10 minutes, 1 record written now and 99 an hour old, read by nobody
                createTopic(kafka, TOPIC, 1);
                setRetention(admin, LONG_RETENTION);
                long now = System.currentTimeMillis();
                try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                    // the new one first: a segment whose records have all expired goes at the next check, active or not
                    producer.send(new ProducerRecord<>(TOPIC, 0, now, null, "1"))
                            .get();
                    for (int i = 2; i <= RECORDS; i++) {
                        producer.send(new ProducerRecord<>(
                                        TOPIC, 0, now - Duration.ofHours(1).toMillis(), null, Integer.toString(i)))
                                .get();
                    }
                }

                // then: the hour-old records stay, long past retention: their segment holds a newer record
                Awaitility.await("three retention checks")
                        .during(THREE_RETENTION_CHECKS)
                        .atMost(THREE_RETENTION_CHECKS.plusSeconds(2))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> logStartOffset(admin) == 0);

                // when: retention.ms drops to 2 s, so that the newest record expires too
                setRetention(admin, SHORT_RETENTION);

                // then: the whole segment goes, all 100 records up to the newest, so the active segment too, though
                // nobody had read them
                Awaitility.await("the log starts at its end, offset " + RECORDS)
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> logStartOffset(admin) == RECORDS);
                // and a group reading from the very beginning finds none of them
                try (KafkaConsumer<String, String> consumer =
                        consumer(kafka, "latecomers", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                    consumer.subscribe(List.of(TOPIC));
                    List<ConsumerRecord<String, String>> received = new ArrayList<>();
                    Awaitility.await("the partition is assigned")
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(1))
                            .until(() -> {
                                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                                return consumer.assignment().contains(PARTITION);
                            });
                    assertThat(consumer.position(PARTITION))
                            .as(
                                    "retention removed records nobody had consumed: a group from the earliest offset starts after them")
                            .isEqualTo(RECORDS);
                    assertThat(received).as("and receives none of them").isEmpty();
                }
            }
        }
    }

    @Test
    @Claim("KAF-14")
    void aRecordsAgeIsItsTimestampNotWhenItWasWritten() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            try (Admin admin = admin(kafka)) {
                // given: a fresh topic kept 10 minutes
                createTopic(kafka, TOPIC, 1);
                setRetention(admin, LONG_RETENTION);
                // when: 100 records are written now, every one stamped an hour ago
                long anHourAgo =
                        System.currentTimeMillis() - Duration.ofHours(1).toMillis();
                try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                    for (int i = 1; i <= RECORDS; i++) {
                        producer.send(new ProducerRecord<>(TOPIC, 0, anHourAgo, null, Integer.toString(i)))
                                .get();
                    }
                }

                // then: they go at once, though written seconds ago: by write time they would stay 10 minutes, 20 times
                // this wait
                Awaitility.await(
                                "records written now but stamped an hour ago expire under a 10-minute retention.ms: the log starts at its end, offset "
                                        + RECORDS)
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> logStartOffset(admin) == RECORDS);
            }
        }
    }

    private static void setRetention(Admin admin, Duration retention) throws Exception {
        admin.incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
    }

    private static long logStartOffset(Admin admin) throws Exception {
        return admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest()))
                .partitionResult(PARTITION)
                .get()
                .offset();
    }
}
