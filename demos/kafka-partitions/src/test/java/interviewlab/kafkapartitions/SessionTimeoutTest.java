package interviewlab.kafkapartitions;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * worker-1, a process in a container with a session timeout of 10 s, and consumer-2 share 2 partitions, both
 * heartbeating every second; worker-1 goes away, three ways. Measured is how long its partition stays with nobody
 * before consumer-2 gets it (see {@link Handover}).
 */
class SessionTimeoutTest {
    private static final Duration SESSION_TIMEOUT = Handover.SESSION_TIMEOUT;
    private static final Duration HEARTBEAT_INTERVAL = Handover.HEARTBEAT_INTERVAL;
    /** Well within the session timeout: a clean leave does not wait for it. */
    private static final Duration AT_ONCE = SESSION_TIMEOUT.dividedBy(2);
    /**
     * The coordinator expires a silent member one session timeout after its last heartbeat, which came at most one
     * heartbeat interval before the fault; less 1 s of margin.
     */
    private static final Duration AT_LEAST_UNTIL_THE_SESSION_EXPIRES = SESSION_TIMEOUT.minus(HEARTBEAT_INTERVAL).minusSeconds(1);
    /**
     * After the expiry: up to one heartbeat interval until consumer-2 hears of the rebalance, then its JoinGroup,
     * SyncGroup and next poll; before it, the Docker call that causes the fault. 3 s for those on a loaded 2-core
     * machine (they take well under 1 s on an idle one). A member kept for twice the session timeout, or for the
     * 45 s default, fails this.
     */
    private static final Duration AT_MOST_UNTIL_THE_SESSION_EXPIRES = SESSION_TIMEOUT.plus(HEARTBEAT_INTERVAL).plusSeconds(3);

    @Test
    @Claim("KAF-11")
    void aConsumerThatLeavesCleanlyHandsItsPartitionOverAtOnce() throws Exception {
        // when: worker-1 gets SIGTERM and closes its consumer, which sends LeaveGroup
        Handover.Outcome handover = Handover.afterFault(worker -> {
            Faults.stopGracefully(worker);
            return Fault.healedBy(() -> { });   // gone for good
        });
        // then: the partition moves well within the session timeout
        System.out.println("clean leave: partition moved within " + handover.unreadAtMost());
        assertThat(handover.unreadAtMost()).as("a clean leave triggers the rebalance at once").isLessThan(AT_ONCE);
    }

    @Test
    @Claim("KAF-11")
    void aConsumerKilledWithKillNineKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        assertThat(ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))
                .as("the client's default session.timeout.ms").isEqualTo(45_000);
        // when: worker-1 is killed with kill -9: no LeaveGroup, its heartbeats just stop
        Handover.Outcome handover = Handover.afterFault(worker -> {
            Faults.killNine(worker);
            return Fault.healedBy(() -> { });
        });
        // then: its partition is consumed by nobody until the coordinator gives up on it, and no longer
        System.out.println("kill -9: partition unread for " + handover.unreadAtLeast() + " to " + handover.unreadAtMost());
        assertThat(handover.unreadAtLeast()).as("a crashed member keeps its partitions until its session times out")
                .isGreaterThanOrEqualTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
        assertThat(handover.unreadAtMost()).as("and they move once its session has timed out")
                .isLessThanOrEqualTo(AT_MOST_UNTIL_THE_SESSION_EXPIRES);
    }

    @Test
    @Claim("KAF-11")
    void aConsumerThatHangsKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        // when: worker-1 is frozen (docker pause): alive, connected, silent
        Handover.Outcome handover = Handover.afterFault(Faults::pause);
        // then: the same wait as for a crash
        System.out.println("docker pause: partition unread for " + handover.unreadAtLeast() + " to " + handover.unreadAtMost());
        assertThat(handover.unreadAtLeast()).as("a hung member keeps its partitions until its session times out")
                .isGreaterThanOrEqualTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
        assertThat(handover.unreadAtMost()).as("and they move once its session has timed out")
                .isLessThanOrEqualTo(AT_MOST_UNTIL_THE_SESSION_EXPIRES);
    }
}
