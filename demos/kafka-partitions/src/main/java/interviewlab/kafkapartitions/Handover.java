package interviewlab.kafkapartitions;

import interviewlab.support.faults.Fault;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * Two members of a group (classic protocol) share a topic's 2 partitions: worker-1, a {@link KafkaWorker} process in
 * a container with a session timeout of 10 s, and consumer-2, in this JVM. Both heartbeat every second. A fault
 * takes worker-1 away; measured is how long until consumer-2 holds worker-1's partition too, the time that partition
 * is consumed by nobody.
 */
public final class Handover {
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    private Handover() {
    }

    /**
     * What one run saw, both times counted from the moment the fault began: when it had surely taken effect (the
     * Docker call had returned), and when consumer-2 held worker-1's partition.
     */
    public record Outcome(Duration faultTookEffect, Duration handedOver) {
        /** The partition went unread for at least this long: from when the fault had surely taken effect. */
        public Duration unreadAtLeast() {
            return handedOver.minus(faultTookEffect);
        }

        /** ... and at most this long: from when the fault began. */
        public Duration unreadAtMost() {
            return handedOver;
        }
    }

    /** Causes the fault to worker-1, measures the handover, then heals the fault. */
    public static Outcome afterFault(Function<JavaAppService, Fault> fault) throws Exception {
        try (Network network = LabNetwork.create(); KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            KafkaClients.createTopic(kafka, TOPIC, 2);
            LogLines output = new LogLines();
            try (JavaAppService worker = new JavaAppService("worker-1", KafkaWorker.class, kafka.internalBootstrapServers(), GROUP, TOPIC,
                    Long.toString(SESSION_TIMEOUT.toMillis()), Long.toString(HEARTBEAT_INTERVAL.toMillis()))
                    .withLibrariesOf(KafkaConsumer.class, LoggerFactory.class)
                    .withNetwork(network)
                    .withLogConsumer(output)
                    .withReadinessProbe(() -> {
                        if (output.lines().stream().noneMatch(line -> line.startsWith("assigned [") && !line.equals("assigned []"))) {
                            throw new IllegalStateException("worker-1 holds no partitions yet");
                        }
                    });
                 GroupMember other = GroupMember.join(kafka, GROUP, TOPIC, "consumer-2",
                         Map.of(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) HEARTBEAT_INTERVAL.toMillis()))) {
                worker.start();   // consumer-2 joined first; worker-1 joining splits the partitions
                Awaitility.await("consumer-2 holds one partition").atMost(KafkaClients.WAIT).until(() -> other.partitions().size() == 1);

                long start = System.nanoTime();
                try (Fault caused = fault.apply(worker)) {
                    Duration faultTookEffect = Duration.ofNanos(System.nanoTime() - start);
                    Awaitility.await("consumer-2 holds both partitions").atMost(KafkaClients.WAIT.plus(SESSION_TIMEOUT))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> other.partitions().equals(Set.of(0, 1)));
                    return new Outcome(faultTookEffect, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        }
    }
}
