package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.replicated.FailoverSideBySide;
import interviewlab.redisvsrabbitmq.replicated.FailoverSideBySide.Broker;
import interviewlab.redisvsrabbitmq.replicated.FailoverSideBySide.Result;
import interviewlab.redisvsrabbitmq.replicated.LeaderFault;
import interviewlab.support.claims.Claim;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The same workload of acknowledged writes and the same fault to the node taking them, on Redis with Sentinel and on a
 * RabbitMQ quorum queue on three nodes: how many acknowledged writes each loses.
 */
class FailoverSideBySideTest {
    private final FailoverSideBySide sideBySide = new FailoverSideBySide(new Narrator());

    @Test
    @Claim("CMP-4")
    void aQuorumQueueLosesNoConfirmedMessageWhenItsLeaderIsKilled() {
        // given: a quorum queue on three nodes, and a publisher waiting for each confirm
        // when: the queue's leader is killed with kill -9 after 100 confirms, and publishing goes on to the new leader
        Result result = sideBySide.run(Broker.RABBIT_QUORUM, LeaderFault.KILLED);

        // then
        assertThat(result.newLeader())
                .as("the other two nodes elected a new leader")
                .isNotEqualTo(result.oldLeader());
        assertThat(result.lost())
                .as("no message the quorum queue confirmed is lost when its leader is killed")
                .isEmpty();
        assertThat(result.check().kind()).as("the checker agrees").isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-4")
    void aQuorumQueueLosesNoConfirmedMessageWhenItsLeaderIsPartitioned() {
        // given: a quorum queue on three nodes, and a publisher connected to the leader's node
        // when: the leader's node is partitioned from the other two while the publisher still reaches it, then healed
        Result result = sideBySide.run(Broker.RABBIT_QUORUM, LeaderFault.PARTITIONED);

        // then
        assertThat(result.newLeader())
                .as("the majority side elected a new leader")
                .isNotEqualTo(result.oldLeader());
        assertThat(result.attemptsOnOldLeaderDuringFault())
                .as("the publisher kept trying the cut-off node")
                .isPositive();
        assertThat(result.acknowledgedByOldLeaderDuringFault())
                .as("the cut-off node confirmed none of the writes tried on it: it had no majority")
                .isEmpty();
        assertThat(result.lost())
                .as("no message the quorum queue confirmed is lost when its leader is partitioned and healed")
                .isEmpty();
        assertThat(result.check().kind()).as("the checker agrees").isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-4")
    void redisWithSentinelLosesOnlyTheNewestUnreplicatedWritesWhenItsPrimaryIsKilled() {
        // given: Redis with a primary, 2 replicas and 3 Sentinels, and a client writing to the primary
        // when: the primary is killed with kill -9 after 100 acknowledged writes, and the client goes on with the new
        // one
        Result result = sideBySide.run(Broker.REDIS_SENTINEL, LeaderFault.KILLED);

        // then
        assertThat(result.newLeader()).as("the Sentinels promoted a replica").isNotEqualTo(result.oldLeader());
        assertThat(result.lostIsTheOldLeadersNewestWrites())
                .as(
                        "what the kill lost is the newest writes the old primary acknowledged, the ones it had not yet "
                                + "replicated (%s), never an older one",
                        result.lost())
                .isTrue();
        assertThat(result.check().contradicts()).as("the checker agrees").isFalse();
    }

    @Test
    @Claim("CMP-4")
    void redisWithSentinelLosesEveryWriteItsPartitionedPrimaryAcknowledged() {
        // given: Redis with a primary, 2 replicas and 3 Sentinels, and a client writing to the primary
        // when: the primary is partitioned from the replicas and the Sentinels while the client still reaches it, then
        // healed
        Result result = sideBySide.run(Broker.REDIS_SENTINEL, LeaderFault.PARTITIONED);

        // then
        assertThat(result.newLeader()).as("the Sentinels promoted a replica").isNotEqualTo(result.oldLeader());
        assertThat(result.acknowledgedByOldLeaderDuringFault())
                .as("the cut-off primary went on acknowledging writes")
                .isNotEmpty();
        assertThat(result.lost())
                .as("exactly the writes the cut-off primary acknowledged are lost, discarded when it rejoined")
                .isEqualTo(result.acknowledgedByOldLeaderDuringFault());
        assertThat(result.check().kind()).as("the checker agrees").isEqualTo(Verdict.Kind.SHOWN);
    }
}
