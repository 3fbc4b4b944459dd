package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
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
                // then: once the group has settled, the 3 partitions are shared out, each to one consumer
                GroupMember.awaitStable(kafka, GROUP, 4);
                Awaitility.await("each member has heard its assignment").atMost(KafkaClients.WAIT)
                        .until(() -> members.stream().mapToInt(member -> member.partitions().size()).sum() >= PARTITIONS);
                System.out.println("4 consumers, 3 partitions: " + members.stream()
                        .map(member -> member.name() + "=" + member.partitions()).collect(Collectors.joining(", ")));
                assertThat(allPartitions(members)).as("every partition is assigned").containsExactly(0, 1, 2);
                assertThat(members).as("no partition is held by two consumers of one group: 3 hold one each")
                        .filteredOn(member -> member.partitions().size() == 1).hasSize(3);
                assertThat(members).as("a consumer beyond the partition count gets nothing and sits idle")
                        .filteredOn(member -> member.partitions().isEmpty()).hasSize(1);
            } finally {
                for (GroupMember member : members) {
                    member.close();
                }
            }
        }
    }

    private static Set<Integer> allPartitions(List<GroupMember> members) {
        return members.stream().flatMap(member -> member.partitions().stream()).collect(Collectors.toCollection(TreeSet::new));
    }
}
