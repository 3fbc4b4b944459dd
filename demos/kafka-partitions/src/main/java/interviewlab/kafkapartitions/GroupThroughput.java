package interviewlab.kafkapartitions;

import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.awaitility.Awaitility;

/**
 * How fast a group of N consumers gets through the same work: 600 records, spread evenly over 3 partitions, each
 * costing its consumer 10 ms. The records are produced only once the group has settled, so the time measured is
 * consumption with N members, not the group forming.
 */
public final class GroupThroughput {
    public static final int PARTITIONS = 3;
    public static final int RECORDS = 600;
    public static final Duration WORK_PER_RECORD = Duration.ofMillis(10);

    /** One measurement: how many consumers, how many of them held a partition, and the records per second. */
    public record Measurement(int consumers, int busyConsumers, double recordsPerSecond) {
    }

    private GroupThroughput() {
    }

    /** Measures a fresh group of {@code consumers} members on a fresh topic. */
    public static Measurement measure(KafkaService kafka, int consumers) throws Exception {
        String topic = "work-for-" + consumers;
        KafkaClients.createTopic(kafka, topic, PARTITIONS);
        String group = "workers-" + consumers;
        List<GroupMember> members = new ArrayList<>();
        try {
            for (int n = 1; n <= consumers; n++) {
                // earliest: the topic is empty at the start, and no record may be skipped whatever happens to the group
                members.add(GroupMember.join(kafka, group, topic, "consumer-" + n,
                        Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), WORK_PER_RECORD));
            }
            GroupMember.awaitSettled(kafka, group, members, PARTITIONS);
            long start = System.nanoTime();
            // RoundRobinPartitioner: exactly 200 records on each partition, so only the number of consumers differs
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka, Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class))) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, null, Integer.toString(i)));
                }
            }
            Awaitility.await(RECORDS + " records consumed").atMost(KafkaClients.WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> members.stream().mapToInt(member -> member.received().size()).sum() >= RECORDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            int busy = (int) members.stream().filter(member -> !member.received().isEmpty()).count();
            return new Measurement(consumers, busy, RECORDS / seconds);
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
    }
}
