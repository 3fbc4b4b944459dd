package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.junit.jupiter.api.Test;

/**
 * 1,000 records without a key, of 200 bytes each, to a topic of 6 partitions, sent one at a time: each send waits
 * for the broker's acknowledgement, so every batch the producer sends holds exactly one record. What is recorded:
 * the partition of each record, in the order they were sent, and the size of the producer's batches.
 */
class NullKeyPartitioningTest {
    private static final String TOPIC = "clicks";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 1_000;
    private static final String VALUE = "x".repeat(200);
    private static final int BATCH_SIZE =
            (int) ProducerConfig.configDef().defaultValues().get(ProducerConfig.BATCH_SIZE_CONFIG);

    @Test
    @Claim("KAF-2")
    void recordsWithoutAKeyStayOnAPartitionForBatchSizeBytesNotForOneBatch() throws Exception {
        assertThat(BATCH_SIZE).as("the client's default batch.size").isEqualTo(16_384);
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer with the default partitioning
            // when: it sends 1,000 records without a key, one at a time
            Sent sent = sendOneAtATime(kafka, Map.of());

            // then: every batch held a single record, so a partitioner that moved on at each new batch would move at
            // every record
            assertThat(sent.largestBatchBytes())
                    .as("every batch held one record")
                    .isLessThan(2 * VALUE.length());
            // but the producer stays on a partition until batch.size bytes have gone there, and moves on at the next
            // batch
            int batchesPerStay = (BATCH_SIZE + sent.largestBatchBytes() - 1) / sent.largestBatchBytes();
            List<Integer> runs = runLengths(sent.partitions());
            List<Integer> completeRuns =
                    runs.subList(0, runs.size() - 1); // the last run was cut short by the end of the workload
            System.out.printf(
                    "default partitioner, no keys, one record per batch of %d bytes: runs on one partition %s%n",
                    sent.largestBatchBytes(), runs);
            assertThat(completeRuns).as("the producer does move on").isNotEmpty();
            assertThat(completeRuns)
                    .as(
                            "each stay is the %d batches of %d bytes that take a partition past batch.size (%d bytes); "
                                    + "a run of several stays is the random pick landing on the same partition again",
                            batchesPerStay, sent.largestBatchBytes(), BATCH_SIZE)
                    .allSatisfy(run -> assertThat(run % batchesPerStay).isZero());
        }
    }

    @Test
    @Claim("KAF-2")
    void theRoundRobinPartitionerSpreadsThemOneByOne() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer configured with RoundRobinPartitioner, the behaviour people expect by default
            // when: it sends the same 1,000 records the same way
            List<Integer> partitions = sendOneAtATime(
                            kafka, Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class))
                    .partitions();

            // then: every record goes to another partition than the one before
            List<Integer> runs = runLengths(partitions);
            System.out.println(
                    "RoundRobinPartitioner: " + runs.size() + " runs on one partition in " + RECORDS + " records");
            assertThat(runs)
                    .as("round robin moves to another partition at every record")
                    .hasSize(RECORDS)
                    .containsOnly(1);
        }
    }

    /** The partition of each record, in the order they were sent, and the largest batch the producer sent, in bytes. */
    private record Sent(List<Integer> partitions, int largestBatchBytes) {}

    private static Sent sendOneAtATime(KafkaService kafka, Map<String, Object> overrides) throws Exception {
        List<Integer> partitions = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(kafka, overrides)) {
            for (int i = 0; i < RECORDS; i++) {
                partitions.add(producer.send(new ProducerRecord<>(TOPIC, null, VALUE))
                        .get()
                        .partition());
            }
            double largestBatch = producer.metrics().entrySet().stream()
                    .filter(metric -> metric.getKey().group().equals("producer-metrics")
                            && metric.getKey().name().equals("batch-size-max"))
                    .mapToDouble(metric -> (double) metric.getValue().metricValue())
                    .findFirst()
                    .orElseThrow();
            return new Sent(partitions, (int) largestBatch);
        }
    }

    /** How many records in a row went to the same partition, run after run. */
    private static List<Integer> runLengths(List<Integer> partitions) {
        List<Integer> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= partitions.size(); i++) {
            if (i == partitions.size() || !partitions.get(i).equals(partitions.get(i - 1))) {
                runs.add(i - start);
                start = i;
            }
        }
        return runs;
    }
}
