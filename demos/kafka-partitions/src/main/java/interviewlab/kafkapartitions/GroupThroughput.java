package interviewlab.kafkapartitions;

import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.awaitility.Awaitility;

/**
 * How fast a group of N consumers gets through the same work: 600 records, spread evenly over 3 partitions, each
 * costing its consumer 10 ms. The records are produced only once the group has settled, so the time measured is
 * consumption with N members, not the group forming. {@link Result#check()} is KAF-12's checker, which
 * GroupThroughputTest and the demo share.
 */
public final class GroupThroughput {
    public static final int PARTITIONS = 3;
    public static final int RECORDS = 600;
    public static final Duration WORK_PER_RECORD = Duration.ofMillis(10);

    /**
     * 3 consumers on 3 partitions must be more than this many times as fast as 1. Ideally 3: the work dominates (6 s
     * for one consumer, 2 s for three), so only a machine too loaded to run three at once comes near it.
     */
    public static final double THREE_AGAINST_ONE_ABOVE = 2.0;
    /** A 4th consumer must add less than this factor: ideally 1.0; a partition of its own would make it 4/3. */
    public static final double FOUR_AGAINST_THREE_BELOW = 1.25;

    /** One measurement: how many consumers, how many of them got records, and the records per second. */
    public record Measurement(int consumers, int busyConsumers, double recordsPerSecond) {}

    /** The measurements for 1, 2, 3 and 4 consumers, in that order. */
    public record Result(List<Measurement> measurements) {
        public Measurement of(int consumers) {
            return measurements.get(consumers - 1);
        }

        /** How many times as fast as 1 consumer {@code consumers} consumers were. */
        public double againstOne(int consumers) {
            return of(consumers).recordsPerSecond() / of(1).recordsPerSecond();
        }

        public double fourAgainstThree() {
            return of(4).recordsPerSecond() / of(3).recordsPerSecond();
        }

        /**
         * KAF-12. That the 4th consumer gets nothing is the group's assignment, so a run where it got records
         * contradicts the claim. The rates are timings on a shared machine: a run whose ratios miss the bounds, with
         * the assignment as claimed, could not show the effect and says so.
         */
        public Verdict check() {
            String figures = String.format(
                    Locale.ROOT,
                    "3 consumers ran at %.2f times the rate of 1 (more than %.2f needed), 4 at %.2f times the rate of 3 "
                            + "(less than %.2f needed)",
                    againstOne(3),
                    THREE_AGAINST_ONE_ABOVE,
                    fourAgainstThree(),
                    FOUR_AGAINST_THREE_BELOW);
            if (of(4).busyConsumers() != PARTITIONS) {
                return Verdict.contradicted(
                        "KAF-12",
                        "%d of 4 consumers of the group got records from %d partitions, where one consumer per partition, %d, should; %s",
                        of(4).busyConsumers(),
                        PARTITIONS,
                        PARTITIONS,
                        figures);
            }
            if (againstOne(3) > THREE_AGAINST_ONE_ABOVE && fourAgainstThree() < FOUR_AGAINST_THREE_BELOW) {
                return Verdict.shown(
                        "KAF-12",
                        "the partition count capped the consumer group: %s; the 4th consumer got no records",
                        figures);
            }
            return Verdict.notShown(
                    "KAF-12",
                    "the 4th consumer got no records, but the timings cannot show the cap (a loaded machine?): %s",
                    figures);
        }
    }

    private GroupThroughput() {}

    /** Measures 1, 2, 3 and 4 consumers, each on a fresh group and topic, telling {@code each} as it goes. */
    public static Result measureOneToFour(KafkaService kafka, Consumer<Measurement> each) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (int consumers = 1; consumers <= 4; consumers++) {
            Measurement measurement = measure(kafka, consumers);
            each.accept(measurement);
            measurements.add(measurement);
        }
        return new Result(List.copyOf(measurements));
    }

    /** Measures a fresh group of {@code consumers} members on a fresh topic. */
    private static Measurement measure(KafkaService kafka, int consumers) throws Exception {
        String topic = "work-for-" + consumers;
        KafkaClients.createTopic(kafka, topic, PARTITIONS);
        String group = "workers-" + consumers;
        List<GroupMember> members = new ArrayList<>();
        try {
            for (int n = 1; n <= consumers; n++) {
                // earliest: the topic is empty at the start, and no record may be skipped whatever happens to the group
                members.add(GroupMember.join(
                        kafka,
                        group,
                        topic,
                        "consumer-" + n,
                        Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        WORK_PER_RECORD));
            }
            GroupMember.awaitSettled(kafka, group, members, PARTITIONS);
            long start = System.nanoTime();
            // RoundRobinPartitioner: exactly 200 records on each partition, so only the number of consumers differs
            try (KafkaProducer<String, String> producer = KafkaClients.producer(
                    kafka, Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class))) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, null, Integer.toString(i)));
                }
            }
            Awaitility.await(RECORDS + " records consumed")
                    .atMost(KafkaClients.WAIT)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> members.stream()
                                    .mapToInt(member -> member.received().size())
                                    .sum()
                            >= RECORDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            int busy = (int) members.stream()
                    .filter(member -> !member.received().isEmpty())
                    .count();
            return new Measurement(consumers, busy, RECORDS / seconds);
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
    }
}
