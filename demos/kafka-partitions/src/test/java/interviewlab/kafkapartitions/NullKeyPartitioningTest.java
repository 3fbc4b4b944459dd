package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static interviewlab.kafkapartitions.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.junit.jupiter.api.Test;

/**
 * 1,000 records without a key, sent as fast as the producer takes them, to a topic of 6 partitions. What is
 * counted: how often two records sent one after the other went to different partitions.
 */
class NullKeyPartitioningTest {
    private static final String TOPIC = "clicks";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 1_000;
    /** 200 bytes a record: 1,000 of them are about 12 batches of the default batch.size (16 KB). */
    private static final String VALUE = "x".repeat(200);

    @Test
    @Claim("KAF-2")
    void recordsWithoutAKeyStickToOnePartitionForABatchNotOneByOne() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer with the default partitioning
            // when: it sends 1,000 records without a key
            List<Integer> partitions = sendWithoutKeys(kafka, Map.of());

            // then: the partition changes only about once per batch.size of bytes, not at every record
            int switches = switches(partitions);
            System.out.println("default partitioner, no keys: the partition changed " + switches + " times in " + RECORDS + " records");
            assertThat(switches).as("records without a key stick to one partition until about batch.size bytes went there")
                    .isLessThan(RECORDS / 10);
        }
    }

    @Test
    @Claim("KAF-2")
    void theRoundRobinPartitionerSpreadsThemOneByOne() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            // given: a producer configured with RoundRobinPartitioner, the behaviour people expect by default
            // when: it sends the same 1,000 records
            List<Integer> partitions = sendWithoutKeys(kafka, Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class));

            // then: every record goes to the next partition
            int switches = switches(partitions);
            System.out.println("RoundRobinPartitioner: the partition changed " + switches + " times in " + RECORDS + " records");
            assertThat(switches).as("round robin moves to another partition at every record").isEqualTo(RECORDS - 1);
        }
    }

    /** The partition of each record, in the order the records were sent. */
    private static List<Integer> sendWithoutKeys(KafkaService kafka, Map<String, Object> overrides) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(kafka, overrides)) {
            for (int i = 0; i < RECORDS; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, null, VALUE)));
            }
        }
        List<Integer> partitions = new ArrayList<>();
        for (Future<RecordMetadata> record : sent) {
            partitions.add(record.get().partition());
        }
        return partitions;
    }

    private static int switches(List<Integer> partitions) {
        int switches = 0;
        for (int i = 1; i < partitions.size(); i++) {
            if (!partitions.get(i).equals(partitions.get(i - 1))) {
                switches++;
            }
        }
        return switches;
    }
}
