package interviewlab.kafkapartitions;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same work for groups of 1, 2, 3 and 4 consumers on 3 partitions. */
@Tag("timed")
class GroupThroughputTest {

    @Test
    @Claim("KAF-12")
    void thePartitionCountCapsAGroupsParallelism() throws Exception {
        // given: 600 records on 3 partitions, 10 ms of work each
        // when: a consumer group of 1, 2, 3, then 4 consumers gets through them
        GroupThroughput.Result result;
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            result = GroupThroughput.measureOneToFour(
                    kafka,
                    measurement -> System.out.printf(
                            Locale.ROOT,
                            "%d consumers (%d busy): %.0f records/s%n",
                            measurement.consumers(),
                            measurement.busyConsumers(),
                            measurement.recordsPerSecond()));
        }
        // then: up to the partition count each consumer adds a partition's worth; beyond it, nothing.
        // The ratios sit far from these bounds: ideal 3.0 for three consumers against one, 1.0 for four against three.
        assertThat(result.againstOne(3))
                .as("3 consumers on 3 partitions are more than twice as fast as 1")
                .isGreaterThan(GroupThroughput.THREE_AGAINST_ONE_ABOVE);
        assertThat(result.fourAgainstThree())
                .as("a 4th consumer on 3 partitions adds nothing (less than a quarter more; a partition of its own "
                        + "would add a third): the partition count caps a consumer group")
                .isLessThan(GroupThroughput.FOUR_AGAINST_THREE_BELOW);
        assertThat(result.of(4).busyConsumers())
                .as("one of the 4 consumers received nothing")
                .isEqualTo(3);
        Verdict verdict = result.check();
        assertThat(verdict.kind())
                .as("the demo's checker shows KAF-12: %s", verdict.sentence())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
