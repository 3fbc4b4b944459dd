package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.pollUntil;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * 200 numbered records on one partition (record n at offset n - 1); a consumer of the group billing polls some and
 * goes away, killed with kill -9 or closed cleanly; then another consumer of the group takes over from the
 * committed offset. The checker counts what was processed by anyone.
 */
class AutoCommitTest {
    private static final String TOPIC = "payments";
    private static final String GROUP = "billing";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 200;

    @Test
    @Claim("KAF-13")
    void autoCommitCommitsRecordsThatWerePolledButNeverProcessed() throws Exception {
        Map<String, Object> defaults = ConsumerConfig.configDef().defaultValues();
        assertThat(defaults.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG))
                .as("auto-commit is on by default")
                .isEqualTo(true);
        assertThat(defaults.get(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG))
                .as("every 5 s by default")
                .isEqualTo(5_000);
        try (Network network = LabNetwork.create();
                KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: worker-1 with auto-commit on, handing records to a processing thread through a queue of 20
            LogLines output = new LogLines();
            long committedAfterTheKill;
            try (JavaAppService worker = worker(kafka, network, output, "auto-commit")) {
                worker.start();
                // when: the group's committed offset has run ahead of what worker-1 processed, and worker-1 is killed
                Awaitility.await("the committed offset is ahead of the processing")
                        .atMost(WAIT)
                        .until(() -> committedOffset(kafka) > processed(output).size() + 10);
                Faults.killNine(worker);
                committedAfterTheKill = committedOffset(kafka);
            }
            output.awaitEnd(WAIT);
            List<Long> processed = processed(output);
            processed.forEach(history::received);
            // and a consumer of the group takes over
            List<Long> takenOver = takeOverFromTheCommittedOffset(kafka, history);

            // then: the group's offset covered records 1..committed, and some of them worker-1 had polled and not
            // processed
            SortedSet<Long> committedButNotProcessed = LongStream.rangeClosed(1, committedAfterTheKill)
                    .boxed()
                    .filter(id -> !processed.contains(id))
                    .collect(Collectors.toCollection(TreeSet::new));
            DeliveryVerdict verdict = history.check();
            System.out.println("auto-commit, async processing, kill -9: committed offset " + committedAfterTheKill
                    + " when worker-1 had processed " + processed.size() + "; " + verdict.summary());
            assertThat(committedButNotProcessed)
                    .as("auto-commit committed records worker-1 had not processed")
                    .isNotEmpty();
            assertThat(polled(output))
                    .as("worker-1 had polled every one of them")
                    .containsAll(committedButNotProcessed);
            // the hand-off is bounded, so the kill lands with records left to poll: a takeover from `latest` would read
            // none
            assertThat(committedAfterTheKill)
                    .as("the kill lands before worker-1 has polled all %d records", RECORDS)
                    .isLessThan(RECORDS);
            assertThat(takenOver)
                    .as(
                            "the takeover starts at the committed offset: it reads exactly records %d..%d",
                            committedAfterTheKill + 1, RECORDS)
                    .isNotEmpty()
                    .containsExactlyElementsOf(LongStream.rangeClosed(committedAfterTheKill + 1, RECORDS)
                            .boxed()
                            .toList());
            assertThat(verdict.lost())
                    .as("the records auto-commit committed, polled but never processed, are lost: exactly those")
                    .containsExactlyElementsOf(committedButNotProcessed);
        }
    }

    @Test
    @Claim("KAF-13")
    void committingAfterProcessingLosesNothing() throws Exception {
        try (Network network = LabNetwork.create();
                KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: worker-1 with auto-commit off, committing each record's offset after processing it
            LogLines output = new LogLines();
            try (JavaAppService worker = worker(kafka, network, output, "commit-after-processing")) {
                worker.start();
                // when: it is killed with kill -9 halfway, and a consumer of the group takes over
                Awaitility.await("worker-1 has processed 50 records")
                        .atMost(WAIT)
                        .until(() -> processed(output).size() >= 50);
                Faults.killNine(worker);
            }
            output.awaitEnd(WAIT);
            processed(output).forEach(history::received);
            takeOverFromTheCommittedOffset(kafka, history);

            // then: nothing lost; at most the record in hand at the kill is processed twice
            DeliveryVerdict verdict = history.check();
            System.out.println("commit after processing, kill -9: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("committing after processing is at least once: %s", verdict)
                    .isTrue();
            assertThat(verdict.duplicated().size())
                    .as("only the record processed but not yet committed comes twice")
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    @Claim("KAF-15")
    void aCleanCloseAutoCommitsRecordsThatWerePolledButNeverProcessed() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: a consumer with auto-commit on, and an interval so long that no poll() commits
            List<Long> polled = pollTenAndCloseWithoutProcessing(kafka, true);

            // then: close() committed the position: every record poll() returned, none of them processed
            assertThat(committedOffset(kafka))
                    .as("a clean close() auto-commits everything poll() returned")
                    .isEqualTo(polled.size());
            // and the next consumer of the group starts after them: records polled and never processed are lost, with
            // no crash
            List<Long> takenOver = takeOverFromTheCommittedOffset(kafka, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("auto-commit, polled " + polled.size() + " and closed cleanly without processing them: "
                    + verdict.summary());
            assertThat(takenOver)
                    .as("the next consumer of the group starts after the records polled before the close")
                    .containsExactlyElementsOf(LongStream.rangeClosed(polled.size() + 1, RECORDS)
                            .boxed()
                            .toList());
            assertThat(verdict.lost())
                    .as("exactly the records polled and never processed are lost")
                    .containsExactlyElementsOf(polled);
        }
    }

    @Test
    @Claim("KAF-15")
    void aCleanCloseWithoutAutoCommitCommitsNothing() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: the same consumer with auto-commit off
            List<Long> polled = pollTenAndCloseWithoutProcessing(kafka, false);

            // then: close() committed nothing, and the next consumer of the group reads the polled records again
            assertThat(committedOffset(kafka))
                    .as("without auto-commit, close() commits nothing")
                    .isZero();
            takeOverFromTheCommittedOffset(kafka, history);
            DeliveryVerdict verdict = history.check();
            System.out.println("auto-commit off, polled " + polled.size()
                    + " and closed cleanly without processing them: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("with nothing committed, nothing is lost: the takeover starts over (earliest)")
                    .isTrue();
        }
    }

    /**
     * A consumer of the group polls until it has at least 10 records (10 a poll), processes none of them and closes
     * cleanly. Returns the ids it polled, after checking that no poll committed anything.
     */
    private static List<Long> pollTenAndCloseWithoutProcessing(KafkaService kafka, boolean autoCommit)
            throws Exception {
        List<Long> polled;
        try (KafkaConsumer<String, String> consumer = consumer(
                kafka,
                GROUP,
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        autoCommit,
                        ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
                        (int) Duration.ofHours(1).toMillis(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10))) {
            consumer.subscribe(List.of(TOPIC));
            // when: it polls records and processes none of them
            polled = pollUntil(consumer, 10).stream()
                    .map(record -> Long.parseLong(record.value()))
                    .toList();
            assertThat(committedOffset(kafka))
                    .as("no poll() has committed yet: the interval is an hour")
                    .isZero();
            // and is closed cleanly (the end of this block)
        }
        return polled;
    }

    private static DeliveryHistory produceNumberedRecords(KafkaService kafka) throws Exception {
        createTopic(kafka, TOPIC, 1);
        DeliveryHistory history = new DeliveryHistory();
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (long i = 1; i <= RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, null, Long.toString(i)));
                history.sent(i);
            }
        }
        return history;
    }

    private static JavaAppService worker(KafkaService kafka, Network network, LogLines output, String commits) {
        return new JavaAppService(
                        "worker-1", ProcessingWorker.class, kafka.internalBootstrapServers(), GROUP, TOPIC, commits)
                .withLibrariesOf(KafkaConsumer.class, LoggerFactory.class)
                .withNetwork(network)
                .withLogConsumer(output)
                .withReadinessProbe(() -> {
                    if (!output.lines().contains("ready")) {
                        throw new IllegalStateException("worker-1 holds no partition yet");
                    }
                });
    }

    /**
     * A consumer of the group, from the committed offset (from the beginning if there is none) to the end of the log;
     * what it gets is recorded as received, and returned.
     */
    private static List<Long> takeOverFromTheCommittedOffset(KafkaService kafka, DeliveryHistory history) {
        List<Long> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(
                kafka,
                GROUP,
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"))) {
            consumer.subscribe(List.of(TOPIC));
            Awaitility.await("the takeover reaches the end of the log")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100))
                                .forEach(record -> received.add(Long.parseLong(record.value())));
                        return consumer.assignment().contains(PARTITION) && consumer.position(PARTITION) == RECORDS;
                    });
        }
        received.forEach(history::received);
        return received;
    }

    private static List<Long> processed(LogLines output) {
        return idsPrintedAs("processed ", output);
    }

    private static List<Long> polled(LogLines output) {
        return idsPrintedAs("polled ", output);
    }

    private static List<Long> idsPrintedAs(String prefix, LogLines output) {
        return output.lines().stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Long.parseLong(line.substring(prefix.length())))
                .toList();
    }

    private static long committedOffset(KafkaService kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(PARTITION);
            return committed == null ? 0 : committed.offset();
        }
    }
}
