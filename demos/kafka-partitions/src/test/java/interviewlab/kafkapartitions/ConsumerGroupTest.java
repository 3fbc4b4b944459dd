package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Four consumers of one group on a topic of 3 partitions, each polling on its own thread. */
class ConsumerGroupTest {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 3;

    @Test
    @Claim("KAF-5")
    void eachPartitionGoesToExactlyOneConsumerAndTheFourthConsumerSitsIdle() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            List<GroupMember> members = new ArrayList<>();
            try {
                // given: a topic with 3 partitions
                // when: 4 consumers join the same group
                for (int n = 1; n <= 4; n++) {
                    members.add(GroupMember.join(kafka, GROUP, TOPIC, "consumer-" + n, Map.of()));
                }
                // then: once the group is stable, the 3 partitions are shared out, each to one consumer
                Assignment assignment = Assignment.awaitAssigned(kafka, GROUP, members, PARTITIONS);
                System.out.println("4 consumers, 3 partitions: " + assignment);
                assertThat(assignment.assigned())
                        .as("every partition is assigned")
                        .containsExactly(0, 1, 2);
                assertThat(assignment.partitionsOfMember().values())
                        .as("no partition is held by two consumers of one group: 3 hold one each")
                        .filteredOn(partitions -> partitions.size() == 1)
                        .hasSize(3);
                assertThat(assignment.idle())
                        .as("a consumer beyond the partition count gets nothing and sits idle")
                        .hasSize(1);
                Verdict verdict = assignment.check();
                assertThat(verdict.kind())
                        .as("the demo's checker shows KAF-5: %s", verdict.sentence())
                        .isEqualTo(Verdict.Kind.SHOWN);
            } finally {
                for (GroupMember member : members) {
                    member.close();
                }
            }
        }
    }
}
