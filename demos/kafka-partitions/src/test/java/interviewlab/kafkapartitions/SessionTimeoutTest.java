package interviewlab.kafkapartitions;

import static interviewlab.kafkapartitions.KafkaClients.WAIT;
import static interviewlab.kafkapartitions.KafkaClients.createTopic;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * Two members of a group (classic protocol) share a topic's 2 partitions: worker-1, a process in a container with
 * a session timeout of 10 s, and an in-process consumer. Then worker-1 goes away, three ways; what is measured is how
 * long its partition stays with nobody before the other member gets it.
 */
class SessionTimeoutTest {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** The session timeout, less the 1 s heartbeat interval (the last heartbeat came up to 1 s before the fault). */
    private static final Duration AT_LEAST_UNTIL_THE_SESSION_EXPIRES = SESSION_TIMEOUT.minusSeconds(2);

    @Test
    @Claim("KAF-11")
    void aConsumerThatLeavesCleanlyHandsItsPartitionOverAtOnce() throws Exception {
        // when: worker-1 gets SIGTERM and closes its consumer, which sends LeaveGroup
        Duration handover = timeUntilTheOtherMemberHoldsBothPartitions(worker -> {
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
        Duration handover = timeUntilTheOtherMemberHoldsBothPartitions(worker -> {
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
        Duration handover = timeUntilTheOtherMemberHoldsBothPartitions(Faults::pause);
        // then: the same wait as for a crash
        assertThat(handover).as("a hung member keeps its partitions until its session times out").isGreaterThanOrEqualTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES);
    }

    /** Causes the fault to worker-1 and measures until consumer-2 holds both partitions; heals the fault afterwards. */
    private static Duration timeUntilTheOtherMemberHoldsBothPartitions(Function<JavaAppService, Fault> fault) throws Exception {
        try (Network network = LabNetwork.create(); KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            createTopic(kafka, TOPIC, 2);
            LogLines output = new LogLines();
            // given: worker-1 and consumer-2 sharing the 2 partitions
            try (JavaAppService worker = new JavaAppService("worker-1", KafkaWorker.class, kafka.internalBootstrapServers(), GROUP, TOPIC,
                    Long.toString(SESSION_TIMEOUT.toMillis()))
                    .withLibrariesOf(KafkaConsumer.class, LoggerFactory.class)
                    .withNetwork(network)
                    .withLogConsumer(output)
                    .withReadinessProbe(() -> {
                        if (output.lines().stream().noneMatch(line -> line.startsWith("assigned [") && !line.equals("assigned []"))) {
                            throw new IllegalStateException("worker-1 holds no partitions yet");
                        }
                    });
                 GroupMember other = GroupMember.join(kafka, GROUP, TOPIC, "consumer-2", Map.of(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000))) {
                worker.start();   // consumer-2 joined first; worker-1 joining splits the partitions
                Awaitility.await("consumer-2 holds one partition").atMost(WAIT).until(() -> other.partitions().size() == 1);

                long start = System.nanoTime();
                Duration handover;
                try (Fault caused = fault.apply(worker)) {
                    Awaitility.await("consumer-2 holds both partitions").atMost(WAIT.plus(SESSION_TIMEOUT)).pollInterval(Duration.ofMillis(20))
                            .until(() -> other.partitions().equals(Set.of(0, 1)));
                    handover = Duration.ofNanos(System.nanoTime() - start);
                }
                System.out.println("worker-1's partition reached consumer-2 after " + handover.toMillis() + " ms; worker-1 said " + lastLines(output));
                return handover;
            }
        }
    }

    private static List<String> lastLines(LogLines output) {
        List<String> lines = output.lines();
        return lines.subList(Math.max(0, lines.size() - 2), lines.size());
    }
}
