package interviewlab.kafkapartitions;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.FaultEvent;
import interviewlab.support.faults.FaultLog;
import interviewlab.support.faults.Faults;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * Two members of a group (classic protocol) share a topic's 2 partitions: worker-1, a {@link KafkaWorker} process in
 * a container with a session timeout of 10 s, and consumer-2, in this JVM. Both heartbeat every second. A fault
 * takes worker-1 away; measured is how long until consumer-2 holds worker-1's partition too, the time that partition
 * is consumed by nobody. {@link Result#check()} is KAF-11's checker, which SessionTimeoutTest and the demo share.
 */
public final class Handover {
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** Well within the session timeout: a clean leave does not wait for it. */
    public static final Duration AT_ONCE = SESSION_TIMEOUT.dividedBy(2);
    /**
     * The coordinator expires a silent member one session timeout after its last heartbeat, which came at most one
     * heartbeat interval before the fault; less 1 s of margin.
     */
    public static final Duration AT_LEAST_UNTIL_THE_SESSION_EXPIRES =
            SESSION_TIMEOUT.minus(HEARTBEAT_INTERVAL).minusSeconds(1);
    /**
     * After the expiry: up to one heartbeat interval until consumer-2 hears of the rebalance, then its JoinGroup,
     * SyncGroup and next poll; before it, the Docker call that causes the fault. 3 s for those on a loaded 2-core
     * machine (they take well under 1 s on an idle one). A member kept for twice the session timeout, or for the
     * 45 s default, fails this.
     */
    public static final Duration AT_MOST_UNTIL_THE_SESSION_EXPIRES =
            SESSION_TIMEOUT.plus(HEARTBEAT_INTERVAL).plusSeconds(3);

    private static final String WORKER = "worker-1";
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    private Handover() {}

    /** How worker-1 goes away. */
    public enum Departure {
        CLEAN_LEAVE("leaves cleanly (SIGTERM, close())"),
        KILL_NINE("killed with kill -9"),
        PAUSE("frozen (docker pause)");

        private final String label;

        Departure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether worker-1 goes without a word: no LeaveGroup, its heartbeats just stop. */
        public boolean silent() {
            return this != CLEAN_LEAVE;
        }

        private Fault cause(JavaAppService worker) {
            return switch (this) {
                case CLEAN_LEAVE -> {
                    Faults.stopGracefully(worker); // SIGTERM: the worker closes its consumer, which sends LeaveGroup
                    yield Fault.healedBy(() -> {}); // gone for good
                }
                case KILL_NINE -> {
                    Faults.killNine(worker);
                    yield Fault.healedBy(() -> {});
                }
                case PAUSE -> Faults.pause(worker); // alive, connected, silent
            };
        }

        /**
         * When the fault had surely taken effect. A kill -9 does at the kill call, which the fault log records as the
         * call returns; {@link Faults#killNine} then polls Docker until the container is gone, which on a loaded machine
         * can take a second that worker-1's heartbeats had already stopped for. The others once the Docker call returned.
         */
        private Instant tookEffect(FaultEvent logged, Instant callReturned) {
            return this == KILL_NINE ? logged.at() : callReturned;
        }
    }

    /**
     * What one run saw, both times counted from the moment the fault began: when it had surely taken effect (see
     * {@link Departure#tookEffect}), and when consumer-2 held worker-1's partition; and the fault as the fault log
     * recorded it.
     */
    public record Result(Departure departure, Duration faultTookEffect, Duration handedOver, FaultEvent fault) {
        /** The partition went unread for at least this long: from when the fault had surely taken effect. */
        public Duration unreadAtLeast() {
            return handedOver.minus(faultTookEffect);
        }

        /** ... and at most this long: from when the fault began. */
        public Duration unreadAtMost() {
            return handedOver;
        }

        /** As "9.1 to 9.9 s", or "0.8 s at most" for a clean leave, whose lower end says nothing. */
        public String unreadFor() {
            String most = String.format(Locale.ROOT, "%.1f", seconds(unreadAtMost()));
            if (!departure.silent()) {
                return most + " s at most";
            }
            String least = String.format(Locale.ROOT, "%.1f", seconds(unreadAtLeast()));
            return least.equals(most) ? most + " s" : least + " to " + most + " s";
        }

        /** The bounds {@link #check()} holds this departure to. */
        public String bounds() {
            return departure.silent()
                    ? String.format(
                            Locale.ROOT,
                            "%d to %d s",
                            AT_LEAST_UNTIL_THE_SESSION_EXPIRES.toSeconds(),
                            AT_MOST_UNTIL_THE_SESSION_EXPIRES.toSeconds())
                    : String.format(Locale.ROOT, "under %d s", AT_ONCE.toSeconds());
        }

        /**
         * KAF-11: a clean leave hands the partition over at once; a silent member keeps it until its session times
         * out, and then loses it. When the Docker call itself took so long that the handover may or may not have come
         * within the bound, the run cannot tell, and says so.
         */
        public Verdict check() {
            String what = String.format(
                    Locale.ROOT,
                    "worker-1 %s: its partition went unread for %s (required: %s; session timeout %d s)",
                    departure.label(),
                    unreadFor(),
                    bounds(),
                    SESSION_TIMEOUT.toSeconds());
            if (!departure.silent()) {
                return Verdict.holdsIf(
                        unreadAtMost().compareTo(AT_ONCE) < 0,
                        "KAF-11",
                        what + ": a clean leave rebalanced at once",
                        what + ": a clean leave waited as if for the session timeout");
            }
            if (unreadAtLeast().compareTo(AT_LEAST_UNTIL_THE_SESSION_EXPIRES) < 0) {
                return Verdict.contradicted(
                        "KAF-11", "%s: the partition moved before the session could have timed out", what);
            }
            if (unreadAtLeast().compareTo(AT_MOST_UNTIL_THE_SESSION_EXPIRES) > 0) {
                return Verdict.contradicted(
                        "KAF-11", "%s: the member kept its partition long after its session had timed out", what);
            }
            if (unreadAtMost().compareTo(AT_MOST_UNTIL_THE_SESSION_EXPIRES) > 0) {
                return Verdict.notShown(
                        "KAF-11",
                        "%s: the fault took %.1f s to take effect, so the run cannot tell whether the partition moved "
                                + "within %d s",
                        what,
                        seconds(faultTookEffect),
                        AT_MOST_UNTIL_THE_SESSION_EXPIRES.toSeconds());
            }
            return Verdict.shown(
                    "KAF-11", "%s: a silent member kept its partition until its session timed out, then lost it", what);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Causes the departure of worker-1, measures the handover, then heals the fault. */
    public static Result afterFault(Departure departure) throws Exception {
        try (Network network = LabNetwork.create();
                KafkaService kafka = new KafkaService().onNetwork(network)) {
            kafka.start();
            KafkaClients.createTopic(kafka, TOPIC, 2);
            LogLines output = new LogLines();
            try (JavaAppService worker = new JavaAppService(
                                    WORKER,
                                    KafkaWorker.class,
                                    kafka.internalBootstrapServers(),
                                    GROUP,
                                    TOPIC,
                                    Long.toString(SESSION_TIMEOUT.toMillis()),
                                    Long.toString(HEARTBEAT_INTERVAL.toMillis()))
                            .withLibrariesOf(KafkaConsumer.class, LoggerFactory.class)
                            .withNetwork(network)
                            .withLogConsumer(output)
                            .withReadinessProbe(() -> {
                                if (output.lines().stream()
                                        .noneMatch(
                                                line -> line.startsWith("assigned [") && !line.equals("assigned []"))) {
                                    throw new IllegalStateException("worker-1 holds no partitions yet");
                                }
                            });
                    GroupMember other = GroupMember.join(
                            kafka, GROUP, TOPIC, "consumer-2", Map.of(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                                    HEARTBEAT_INTERVAL.toMillis()))) {
                worker.start(); // consumer-2 joined first; worker-1 joining splits the partitions
                Awaitility.await("consumer-2 holds one partition")
                        .atMost(KafkaClients.WAIT)
                        .until(() -> other.partitions().size() == 1);

                // one clock for all three instants: the fault log's
                Instant faultBegan = Instant.now();
                try (Fault caused = departure.cause(worker)) {
                    Instant callReturned = Instant.now();
                    Awaitility.await("consumer-2 holds both partitions")
                            .atMost(KafkaClients.WAIT.plus(SESSION_TIMEOUT))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> other.partitions().equals(Set.of(0, 1)));
                    Instant handedOver = Instant.now();
                    FaultEvent logged = FaultLog.since(faultBegan).stream()
                            .filter(event -> event.target().equals(WORKER))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("the fault log has no fault of " + WORKER));
                    return new Result(
                            departure,
                            Duration.between(faultBegan, departure.tookEffect(logged, callReturned)),
                            Duration.between(faultBegan, handedOver),
                            logged);
                }
            }
        }
    }
}
