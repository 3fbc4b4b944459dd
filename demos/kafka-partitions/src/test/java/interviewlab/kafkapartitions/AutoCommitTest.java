package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.admin;
import static interviewlab.kafkapartitions.KafkaClients.consumer;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
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
import java.util.List;
import java.util.Map;
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
 * 200 numbered records; worker-1, a process in a container, processes them (20 ms each) and is killed with kill -9
 * halfway; then a consumer of the same group takes over from the committed offset. The checker counts what was
 * processed by anyone.
 */
class AutoCommitTest {
    private static final String TOPIC = "payments";
    private static final String GROUP = "billing";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 200;

    @Test
    @Claim("KAF-13")
    void autoCommitCommitsRecordsThatWerePolledButNeverProcessed() throws Exception {
        try (Network network = LabNetwork.create(); KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: worker-1 with auto-commit on, handing records to a processing thread
            LogLines output = new LogLines();
            long committedAfterTheKill;
            try (JavaAppService worker = worker(kafka, network, output, "auto-commit")) {
                worker.start();
                // when: the group's committed offset has run ahead of what worker-1 processed, and worker-1 is killed
                Awaitility.await("the committed offset is ahead of the processing").atMost(WAIT)
                        .until(() -> committedOffset(kafka) > processed(output).size() + 10);
                Faults.killNine(worker);
                committedAfterTheKill = committedOffset(kafka);
            }
            output.awaitEnd(WAIT);
            processed(output).forEach(history::received);
            // and a consumer of the group takes over
            takeOverFromTheCommittedOffset(kafka, history);

            // then: the records between the last processed one and the committed offset were processed by nobody
            DeliveryVerdict verdict = history.check();
            System.out.println("auto-commit, async processing, kill -9: committed offset " + committedAfterTheKill + " when worker-1 had processed "
                    + processed(output).size() + "; " + verdict.summary());
            assertThat(verdict.lost()).as("auto-commit committed records that were polled but never processed: they are lost").isNotEmpty();
        }
    }

    @Test
    @Claim("KAF-13")
    void committingAfterProcessingLosesNothing() throws Exception {
        try (Network network = LabNetwork.create(); KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            DeliveryHistory history = produceNumberedRecords(kafka);
            // given: worker-1 with auto-commit off, committing each record's offset after processing it
            LogLines output = new LogLines();
            try (JavaAppService worker = worker(kafka, network, output, "commit-after-processing")) {
                worker.start();
                // when: it is killed with kill -9 halfway, and a consumer of the group takes over
                Awaitility.await("worker-1 has processed 50 records").atMost(WAIT).until(() -> processed(output).size() >= 50);
                Faults.killNine(worker);
            }
            output.awaitEnd(WAIT);
            processed(output).forEach(history::received);
            takeOverFromTheCommittedOffset(kafka, history);

            // then: nothing lost; at most the record in hand at the kill is processed twice
            DeliveryVerdict verdict = history.check();
            System.out.println("commit after processing, kill -9: " + verdict.summary());
            assertThat(verdict.nothingLost()).as("committing after processing is at least once: %s", verdict).isTrue();
            assertThat(verdict.duplicated().size()).as("only the record processed but not yet committed comes twice").isLessThanOrEqualTo(1);
        }
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
        return new JavaAppService("worker-1", ProcessingWorker.class, kafka.internalBootstrapServers(), GROUP, TOPIC, commits)
                .withLibrariesOf(KafkaConsumer.class, LoggerFactory.class)
                .withNetwork(network)
                .withLogConsumer(output)
                .withReadinessProbe(() -> {
                    if (!output.lines().contains("ready")) {
                        throw new IllegalStateException("worker-1 holds no partition yet");
                    }
                });
    }

    /** A consumer of the group, from the committed offset to the end of the log; what it gets is recorded as received. */
    private static void takeOverFromTheCommittedOffset(KafkaService kafka, DeliveryHistory history) {
        try (KafkaConsumer<String, String> consumer = consumer(kafka, GROUP, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.subscribe(List.of(TOPIC));
            Awaitility.await("the takeover reaches the end of the log").atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> history.received(Long.parseLong(record.value())));
                return consumer.assignment().contains(PARTITION) && consumer.position(PARTITION) == RECORDS;
            });
        }
    }

    private static List<Long> processed(LogLines output) {
        return output.lines().stream().filter(line -> line.startsWith("processed ")).map(line -> Long.parseLong(line.substring("processed ".length()))).toList();
    }

    private static long committedOffset(KafkaService kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().get(PARTITION);
            return committed == null ? 0 : committed.offset();
        }
    }
}
