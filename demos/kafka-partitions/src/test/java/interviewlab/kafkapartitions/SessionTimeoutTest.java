package interviewlab.kafkapartitions;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.kafkapartitions.Handover.Departure;
import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * worker-1, a process in a container with a session timeout of 10 s, and consumer-2 share 2 partitions, both
 * heartbeating every second; worker-1 goes away, three ways. Measured is how long its partition stays with nobody
 * before consumer-2 gets it, against the bounds {@link Handover} explains.
 */
@Tag("timed")
class SessionTimeoutTest {

    @Test
    @Claim("KAF-11")
    void aConsumerThatLeavesCleanlyHandsItsPartitionOverAtOnce() throws Exception {
        // when: worker-1 gets SIGTERM and closes its consumer, which sends LeaveGroup
        Handover.Result handover = Handover.afterFault(Departure.CLEAN_LEAVE);
        // then: the partition moves well within the session timeout
        System.out.println("clean leave: partition unread for " + handover.unreadFor());
        assertThat(handover.unreadAtMost())
                .as("a clean leave triggers the rebalance at once")
                .isLessThan(Handover.AT_ONCE);
        assertShown(handover);
    }

    @Test
    @Claim("KAF-11")
    void aConsumerKilledWithKillNineKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        assertThat(ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))
                .as("the client's default session.timeout.ms")
                .isEqualTo(45_000);
        // when: worker-1 is killed with kill -9: no LeaveGroup, its heartbeats just stop
        Handover.Result handover = Handover.afterFault(Departure.KILL_NINE);
        // then: its partition is consumed by nobody until the coordinator gives up on it, and no longer
        System.out.println("kill -9: partition unread for " + handover.unreadFor());
        assertThat(handover.unreadAtLeast())
                .as("a crashed member keeps its partitions until its session times out")
                .isGreaterThanOrEqualTo(Handover.AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
        assertThat(handover.unreadAtMost())
                .as("and they move once its session has timed out")
                .isLessThanOrEqualTo(Handover.AT_MOST_UNTIL_THE_SESSION_EXPIRES);
        assertShown(handover);
    }

    @Test
    @Claim("KAF-11")
    void aConsumerThatHangsKeepsItsPartitionUntilItsSessionTimesOut() throws Exception {
        // when: worker-1 is frozen (docker pause): alive, connected, silent
        Handover.Result handover = Handover.afterFault(Departure.PAUSE);
        // then: the same wait as for a crash
        System.out.println("docker pause: partition unread for " + handover.unreadFor());
        assertThat(handover.unreadAtLeast())
                .as("a hung member keeps its partitions until its session times out")
                .isGreaterThanOrEqualTo(Handover.AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
        assertThat(handover.unreadAtMost())
                .as("and they move once its session has timed out")
                .isLessThanOrEqualTo(Handover.AT_MOST_UNTIL_THE_SESSION_EXPIRES);
        assertShown(handover);
    }

    /** The demo prints the same checker's verdict. */
    private static void assertShown(Handover.Result handover) {
        Verdict verdict = handover.check();
        assertThat(verdict.kind())
                .as("the demo's checker shows KAF-11: %s", verdict.sentence())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
