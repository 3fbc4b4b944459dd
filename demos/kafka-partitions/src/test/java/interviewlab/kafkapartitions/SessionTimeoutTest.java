package interviewlab.kafkapartitions;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * worker-1, a process in a container with a session timeout of 10 s, and consumer-2 share 2 partitions; worker-1
 * goes away, three ways. Measured is how long its partition stays with nobody before consumer-2 gets it
 * (see {@link Handover}).
 */
class SessionTimeoutTest {
    private static final Duration SESSION_TIMEOUT = Handover.SESSION_TIMEOUT;
    /** The session timeout less 2 s: the last heartbeat came up to 1 s (the interval) before the fault, and 1 s of margin. */
    private static final Duration AT_LEAST_UNTIL_THE_SESSION_EXPIRES = SESSION_TIMEOUT.minusSeconds(2);

    @Test
    @Claim("KAF-11")
    void aConsumerThatLeavesCleanlyHandsItsPartitionOverAtOnce() throws Exception {
        // when: worker-1 gets SIGTERM and closes its consumer, which sends LeaveGroup
        Duration handover = Handover.afterFault(worker -> {
            Faults.stopGracefully(worker);
            return Fault.healedBy(() -> { });   // gone for good
        });
        // then: the partition moves well within the session timeout
        assertThat(handover).as("a clean leave triggers the rebalance at once").isLessThan(SESSION_TIMEOUT.dividedBy(2));
    }

    @Test
    @Claim("KAF-11")
    void aConsumerKilledWithKillNineKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        // when: worker-1 is killed with kill -9: no LeaveGroup, its heartbeats just stop
        Duration handover = Handover.afterFault(worker -> {
            Faults.killNine(worker);
            return Fault.healedBy(() -> { });
        });
        // then: its partition is consumed by nobody until the coordinator gives up on it
        assertThat(handover).as("a crashed member keeps its partitions until its session times out").isGreaterThanOrEqualTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
    }

    @Test
    @Claim("KAF-11")
    void aConsumerThatHangsKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        // when: worker-1 is frozen (docker pause): alive, connected, silent
        Duration handover = Handover.afterFault(Faults::pause);
        // then: the same wait as for a crash
        assertThat(handover).as("a hung member keeps its partitions until its session times out").isGreaterThanOrEqualTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
    }
}
