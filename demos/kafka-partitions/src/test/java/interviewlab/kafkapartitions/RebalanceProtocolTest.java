package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.KafkaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * consumer-1 holds all 6 partitions of a topic; consumer-2 joins its group. What consumer-1 has to give up in
 * the rebalance depends on the group protocol: the classic one with its default assignor, or KIP-848's.
 */
class RebalanceProtocolTest {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 6;

    @Test
    @Claim("KAF-10")
    void withTheClassicProtocolAJoiningMemberMakesEveryMemberGiveUpAllItsPartitions() throws Exception {
        // given: the classic group protocol, still the client's default, with its default assignor (RangeAssignor, an
        // eager one)
        assertThat(ConsumerConfig.configDef()
                        .defaultValues()
                        .get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)
                        .toString())
                .as("the client's default group.protocol")
                .isEqualToIgnoringCase("classic");
        // when: consumer-2 joins while consumer-1 holds all 6 partitions
        List<Set<Integer>> revoked = revocationsOfTheFirstMemberWhenASecondJoins("classic");

        // then: consumer-1 gave up all 6, and then got 3 of them back
        assertThat(revoked)
                .as("an eager rebalance revokes every partition of every member")
                .containsExactly(Set.of(0, 1, 2, 3, 4, 5));
    }

    @Test
    @Claim("KAF-10")
    void withTheConsumerProtocolAJoiningMemberTakesOnlyThePartitionsThatMove() throws Exception {
        // given: the consumer group protocol of KIP-848 (group.protocol=consumer), assigned by the broker
        // when: the same join
        List<Set<Integer>> revoked = revocationsOfTheFirstMemberWhenASecondJoins("consumer");

        // then: consumer-1 gave up only the 3 partitions that went to consumer-2, and kept consuming the other 3
        assertThat(revoked)
                .as("the new protocol is incremental: only the partitions that move are revoked")
                .hasSize(1);
        assertThat(revoked.get(0)).as("3 of the 6 move").hasSize(PARTITIONS / 2);
    }

    private static List<Set<Integer>> revocationsOfTheFirstMemberWhenASecondJoins(String protocol) throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            createTopic(kafka, TOPIC, PARTITIONS);
            Map<String, Object> config = Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
            List<GroupMember> members = new ArrayList<>();
            try {
                members.add(GroupMember.join(kafka, GROUP, TOPIC, "consumer-1", config));
                GroupMember.awaitSettled(kafka, GROUP, members, PARTITIONS);
                members.add(GroupMember.join(kafka, GROUP, TOPIC, "consumer-2", config));
                GroupMember.awaitSettled(kafka, GROUP, members, PARTITIONS);
                GroupMember first = members.get(0);
                System.out.println(protocol + " protocol: consumer-1 gave up " + first.revocations() + " and now holds "
                        + first.partitions() + ", consumer-2 holds "
                        + members.get(1).partitions());
                assertThat(members)
                        .as("the group settled with 3 partitions each")
                        .allSatisfy(member -> assertThat(member.partitions()).hasSize(3));
                return first.revocations();
            } finally {
                for (GroupMember member : members) {
                    member.close();
                }
            }
        }
    }
}
