package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Numbered records 1..100 on a one-partition topic; consumers that stop half way and start again. */
class OffsetsTest {
    private static final String TOPIC = "invoices";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 100;
    private static final int PROCESSED_BEFORE_THE_RESTART = 50;
    private static final Map<String, Object> MANUAL_COMMITS_FROM_THE_START = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);

    @Test
    @Claim("KAF-7")
    void aRestartedConsumerResumesFromItsGroupsCommittedOffset() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            produceNumberedRecords(kafka);
            // given: a consumer that processed records 1..50 and committed offset 50 (the next record to read)
            processTheFirstHalfAndStop(kafka, true);
            // when: the consumer restarts in the same group
            List<Long> afterRestart = readTheRestInGroup(kafka, "billing");

            // then: it starts at record 51, the committed offset, not at the beginning
            assertThat(afterRestart.get(0)).as("a restarted consumer resumes from its group's committed offset").isEqualTo(51);
            assertThat(afterRestart).as("and reads nothing twice").hasSize(RECORDS - PROCESSED_BEFORE_THE_RESTART);
        }
    }

    @Test
    @Claim("KAF-7")
    void aConsumerThatNeverCommittedStartsOverAfterARestart() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            produceNumberedRecords(kafka);
            // given: a consumer that processed records 1..50 and committed nothing
            processTheFirstHalfAndStop(kafka, false);
            // when: it restarts in the same group
            List<Long> afterRestart = readTheRestInGroup(kafka, "billing");

            // then: the group has no offset, so auto.offset.reset decides: earliest, record 1 again
            assertThat(afterRestart.get(0)).as("without a committed offset the restart reads records 1..50 a second time").isEqualTo(1);
        }
    }

    @Test
    @Claim("KAF-8")
    void aNewGroupWithTheDefaultAutoOffsetResetSeesOnlyRecordsProducedAfterItJoined() throws Exception {
        assertThat(ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG))
                .as("the client's default auto.offset.reset").isEqualTo("latest");
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: 100 records already in the topic
            produceNumberedRecords(kafka);
            // when: a brand-new group joins with the default settings, and one more record is produced
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "newcomers", Map.of())) {
                consumer.subscribe(List.of(TOPIC));
                awaitPositionFixed(consumer);
                try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                    producer.send(new ProducerRecord<>(TOPIC, null, "101")).get();
                }
                // then: it receives that record only: "latest" starts a group at the end of the log
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, 1);
                assertThat(received).as("with the default auto.offset.reset=latest, a new group skips everything already in the topic")
                        .extracting(ConsumerRecord::value).containsExactly("101");
            }
        }
    }

    @Test
    @Claim("KAF-8")
    void aNewGroupWithEarliestSeesEverythingAlreadyInTheTopic() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: the same 100 records
            produceNumberedRecords(kafka);
            // when: a brand-new group joins with auto.offset.reset=earliest
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "newcomers", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(TOPIC));
                // then: it reads all 100 from the start
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, RECORDS);
                assertThat(received.get(0).value()).as("earliest starts a new group at the beginning of the log").isEqualTo("1");
            }
        }
    }

    private static void produceNumberedRecords(KafkaService kafka) throws Exception {
        createTopic(kafka, TOPIC, 1);
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (int i = 1; i <= RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, null, Integer.toString(i)));
            }
        }
    }

    /** A consumer of the group "billing" reads records 1..50, commits offset 50 or nothing, and stops. */
    private static void processTheFirstHalfAndStop(KafkaService kafka, boolean commit) {
        try (KafkaConsumer<String, String> first = consumer(kafka, "billing", MANUAL_COMMITS_FROM_THE_START)) {
            first.subscribe(List.of(TOPIC));
            pollUntil(first, PROCESSED_BEFORE_THE_RESTART);
            if (commit) {
                first.commitSync(Map.of(PARTITION, new OffsetAndMetadata(PROCESSED_BEFORE_THE_RESTART)));
            }
        }
    }

    /** A consumer of the group, restarted: everything it reads until the last record. */
    private static List<Long> readTheRestInGroup(KafkaService kafka, String group) {
        try (KafkaConsumer<String, String> restarted = consumer(kafka, group, MANUAL_COMMITS_FROM_THE_START)) {
            restarted.subscribe(List.of(TOPIC));
            List<Long> numbers = new ArrayList<>();
            Awaitility.await("the restarted consumer reaches record " + RECORDS).atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
                restarted.poll(Duration.ofMillis(100)).forEach(record -> numbers.add(Long.parseLong(record.value())));
                return !numbers.isEmpty() && numbers.get(numbers.size() - 1) == RECORDS;
            });
            return numbers;
        }
    }

    /** Polls until the group has assigned the partition and the consumer has fixed its starting position. */
    private static void awaitPositionFixed(KafkaConsumer<String, String> consumer) {
        Awaitility.await("the partition is assigned").atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().contains(PARTITION);
        });
        consumer.position(PARTITION);   // resolves auto.offset.reset now, before the next record is produced
    }
}
