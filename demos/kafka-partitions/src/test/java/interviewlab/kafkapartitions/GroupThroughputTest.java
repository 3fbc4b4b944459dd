package interviewlab.kafkapartitions;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.kafkapartitions.GroupThroughput.Measurement;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The same work for groups of 1, 2, 3 and 4 consumers on 3 partitions. */
class GroupThroughputTest {

    @Test
    @Claim("KAF-12")
    void thePartitionCountCapsAGroupsParallelism() throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            for (int consumers = 1; consumers <= 4; consumers++) {
                Measurement measurement = GroupThroughput.measure(kafka, consumers);
                System.out.printf(Locale.ROOT, "%d consumers (%d busy): %.0f records/s%n", consumers, measurement.busyConsumers(), measurement.recordsPerSecond());
                measurements.add(measurement);
            }
        }
        double one = measurements.get(0).recordsPerSecond();
        double three = measurements.get(2).recordsPerSecond();
        double four = measurements.get(3).recordsPerSecond();
        // The work dominates (6 s for one consumer, 2 s for three), so the ratios sit far from these bounds:
        // ideal 3.0 for three consumers against one, 1.0 for four against three.
        assertThat(three / one).as("3 consumers on 3 partitions are more than twice as fast as 1").isGreaterThan(2.0);
        assertThat(four / three).as("a 4th consumer on 3 partitions adds nothing (less than a quarter more; a partition of its own would add a third): "
                + "the partition count caps a consumer group").isLessThan(1.25);
        assertThat(measurements.get(3).busyConsumers()).as("one of the 4 consumers received nothing").isEqualTo(3);
    }
}
