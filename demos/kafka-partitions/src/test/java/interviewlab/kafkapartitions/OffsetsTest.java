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
import java.util.stream.LongStream;
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
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            10);

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

            // then: it reads records 51 to 100, from the committed offset on, and nothing it had read before
            assertThat(afterRestart)
                    .as("a restarted consumer resumes from its group's committed offset and reads nothing twice")
                    .containsExactlyElementsOf(numbered(PROCESSED_BEFORE_THE_RESTART + 1, RECORDS));
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

            // then: the group has no offset, so auto.offset.reset decides: earliest, records 1 to 50 again, then the
            // rest
            assertThat(afterRestart)
                    .as("without a committed offset the restart reads records 1..50 a second time")
                    .containsExactlyElementsOf(numbered(1, RECORDS));
        }
    }

    @Test
    @Claim("KAF-8")
    void aNewGroupWithTheDefaultAutoOffsetResetSeesOnlyRecordsProducedAfterItJoined() throws Exception {
        assertThat(ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG))
                .as("the client's default auto.offset.reset")
                .isEqualTo("latest");
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            // given: 100 records already in the topic
            produceNumberedRecords(kafka);
            // when: a brand-new group joins with the default settings
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "newcomers", Map.of())) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> beforeTheNewRecord = pollUntilThePositionIsFixed(consumer);
                // then: "latest" put it at the end of the log, after the 100, and it received none of them
                assertThat(consumer.position(PARTITION))
                        .as("with the default auto.offset.reset=latest, a new group starts at the end of the log")
                        .isEqualTo(RECORDS);
                assertThat(beforeTheNewRecord)
                        .as("and receives none of the records already in the topic")
                        .isEmpty();
                // when: one more record is produced
                try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
                    producer.send(new ProducerRecord<>(TOPIC, null, "101")).get();
                }
                // then: it receives that record, and only that one
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, 1);
                assertThat(received)
                        .as("a new group with the default settings receives only what is produced after it joined")
                        .extracting(ConsumerRecord::value)
                        .containsExactly("101");
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
            try (KafkaConsumer<String, String> consumer =
                    consumer(kafka, "newcomers", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(TOPIC));
                // then: it reads all 100, from the start
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, RECORDS);
                assertThat(received)
                        .as(
                                "earliest starts a new group at the beginning of the log: it receives every record already there")
                        .extracting(record -> Long.parseLong(record.value()))
                        .containsExactlyElementsOf(numbered(1, RECORDS));
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
            Awaitility.await("the restarted consumer reaches record " + RECORDS)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        restarted
                                .poll(Duration.ofMillis(100))
                                .forEach(record -> numbers.add(Long.parseLong(record.value())));
                        return !numbers.isEmpty() && numbers.get(numbers.size() - 1) == RECORDS;
                    });
            return numbers;
        }
    }

    /**
     * Polls until the group has assigned the partition; {@code position()} then waits until auto.offset.reset has fixed
     * where the consumer starts. Returns every record those polls received: a consumer that started anywhere before
     * the end of the log may have received some already.
     */
    private static List<ConsumerRecord<String, String>> pollUntilThePositionIsFixed(
            KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        Awaitility.await("the partition is assigned")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                    return consumer.assignment().contains(PARTITION);
                });
        consumer.position(PARTITION);
        return received;
    }

    private static List<Long> numbered(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
