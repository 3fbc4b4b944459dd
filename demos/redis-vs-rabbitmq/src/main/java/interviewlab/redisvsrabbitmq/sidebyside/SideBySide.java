package interviewlab.redisvsrabbitmq.sidebyside;

import com.rabbitmq.client.MessageProperties;
import interviewlab.redisvsrabbitmq.workers.WorkerClasspath;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.faults.FaultEvent;
import interviewlab.support.faults.FaultLog;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * One run of the side-by-side comparison, the same story for every setup: publish numbered messages, kill -9
 * the consumer at a chosen point, restart the broker (gracefully, or kill -9 and start), let a new consumer take
 * over, and count what was lost and what was processed twice. {@link Result#check()} is the checker that the test
 * and the demo share.
 */
public final class SideBySide {
    /** The workload of every run the doc speaks of: 1,000 numbered messages. */
    public static final int MESSAGES = 1_000;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * What one setup did with the workload.
     *
     * @param processedByFirst what consumer-1 processed, in its order, before it was killed
     * @param heldByFirst for the at-most-once setups, what the broker had handed consumer-1 and no longer had when it
     *     died, minus what consumer-1 processed: the messages it held (read from the broker, not from the consumer);
     *     empty for the at-least-once setups, whose brokers keep what a consumer holds
     * @param faults what the nemesis did, when
     */
    public record Result(
            Setup setup,
            BrokerFault brokerFault,
            int killedAfter,
            DeliveryVerdict verdict,
            List<Long> processedByFirst,
            SortedSet<Long> heldByFirst,
            List<FaultEvent> faults) {

        /** Whether the broker kept everything it had acknowledged through the broker fault. */
        public boolean brokerKeptItsData() {
            return brokerFault == BrokerFault.GRACEFUL_RESTART || setup.survivesBrokerKill();
        }

        /** Every id sent that consumer-1 had not processed: all a broker that lost its data loses. */
        public SortedSet<Long> notProcessedByFirst() {
            return sentAndNotIn(verdict.sent(), processedByFirst);
        }

        /**
         * What an at-least-once setup may process twice: the last message consumer-1 processed, whose ack may not
         * have left before the kill. A durable classic queue killed with kill -9 also forgets acks it had not yet
         * written to its index, so any message consumer-1 acknowledged may come back.
         */
        public Set<Long> mayBeDuplicated() {
            if (forgetsAcksWhenKilled()) {
                return Set.copyOf(processedByFirst);
            }
            return processedByFirst.isEmpty() ? Set.of() : Set.of(processedByFirst.get(processedByFirst.size() - 1));
        }

        /** A durable classic queue writes acknowledgements to disk lazily; a quorum queue logs them like messages. */
        public boolean forgetsAcksWhenKilled() {
            return brokerFault == BrokerFault.KILL_NINE && setup == Setup.RABBIT_MANUAL_ACK;
        }

        /** The claim this run bears on. */
        public String claim() {
            if (brokerFault == BrokerFault.KILL_NINE) {
                return "CMP-3";
            }
            return setup.atLeastOnce() ? "CMP-1" : "CMP-2";
        }

        /** The checker: what the claim says this run must show, against what it observed. */
        public Verdict check() {
            boolean duplicatesAllowed = verdict.duplicated().keySet().stream().allMatch(mayBeDuplicated()::contains)
                    && verdict.duplicated().values().stream().allMatch(times -> times == 2)
                    && (setup.atLeastOnce() || verdict.duplicated().isEmpty());
            String observed = verdict.summary();
            if (notProcessedByFirst().isEmpty()) {
                return Verdict.notShown(
                        claim(),
                        "%s, %s: consumer-1 had processed everything before the kill landed, so nothing was at stake (%s)",
                        setup.label(),
                        brokerFault.label(),
                        observed);
            }
            if (!brokerKeptItsData()) {
                boolean all = verdict.lost().equals(notProcessedByFirst());
                return Verdict.holdsIf(
                        all && duplicatesAllowed,
                        claim(),
                        String.format(
                                "%s, %s: the broker lost all %d messages consumer-1 had not processed (%s)",
                                setup.label(),
                                brokerFault.label(),
                                verdict.lost().size(),
                                observed),
                        String.format(
                                "%s, %s: expected exactly the %d messages consumer-1 had not processed to be lost, observed %s",
                                setup.label(),
                                brokerFault.label(),
                                notProcessedByFirst().size(),
                                observed));
            }
            if (setup.atLeastOnce()) {
                String duplicates = forgetsAcksWhenKilled()
                        ? String.format(
                                "; %d message(s) consumer-1 had acknowledged came back and were processed again",
                                verdict.duplicated().size())
                        : "";
                return Verdict.holdsIf(
                        verdict.nothingLost() && duplicatesAllowed,
                        claim(),
                        String.format(
                                "%s, %s: nothing lost%s (%s)",
                                setup.label(), brokerFault.label(), duplicates, observed),
                        String.format(
                                "%s, %s: an at-least-once setup lost or duplicated beyond the message in flight: %s",
                                setup.label(), brokerFault.label(), observed));
            }
            if (heldByFirst.isEmpty()) {
                return Verdict.notShown(
                        claim(),
                        "%s: consumer-1 held nothing when the kill landed, so there was nothing to lose (%s)",
                        setup.label(),
                        observed);
            }
            return Verdict.holdsIf(
                    verdict.lost().equals(heldByFirst) && duplicatesAllowed,
                    claim(),
                    String.format(
                            "%s: lost exactly the %d message(s) the dead consumer held, none twice (%s)",
                            setup.label(), heldByFirst.size(), observed),
                    String.format(
                            "%s: the dead consumer held %d message(s), but observed %s",
                            setup.label(), heldByFirst.size(), observed));
        }
    }

    private final Narrator narrator;

    public SideBySide(Narrator narrator) {
        this.narrator = narrator;
    }

    /**
     * The run the doc describes: {@link #MESSAGES} messages, the consumer killed after a random 100 to 500 of them.
     * It works 5 ms per message, so at least 2.5 s of work is still ahead of it when it dies: far more than the time
     * a kill takes, so what was in flight is there to be lost, whatever the random point.
     */
    public Result run(Setup setup, BrokerFault brokerFault) throws Exception {
        return run(setup, brokerFault, MESSAGES, ThreadLocalRandom.current().nextInt(100, 501));
    }

    public Result run(Setup setup, BrokerFault brokerFault, int messages, int killAfter) throws Exception {
        narrator.scenario(setup.label() + " (" + setup.guarantee() + "), broker: " + brokerFault.label());
        Instant start = Instant.now();
        DeliveryHistory history = new DeliveryHistory();
        List<Long> processedByFirst;
        SortedSet<Long> heldByFirst;
        // snippet:side-by-side-story
        try (Network network = LabNetwork.create();
                LabContainer<?> broker = broker(setup, network)) {
            broker.start();
            prepare(setup, broker);

            LogLines first = new LogLines();
            try (JavaAppService consumer = consumer(setup, "consumer-1", network, first)) {
                consumer.start();
                narrator.say("consumer-1", "started, consuming from %s", Setup.QUEUE);
                publish(setup, broker, messages, history);
                narrator.say("producer", "published messages 1..%d", messages);
                Awaitility.await("consumer-1 has processed " + killAfter)
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> processed(first).size() >= killAfter);
                Faults.killNine(consumer);
            }
            first.awaitEnd(WAIT);
            processedByFirst = processedInOrder(first);
            narrator.say(
                    "nemesis",
                    "kill -9 consumer-1 at %s, after it had processed %d messages",
                    at(start, "kill -9", "consumer-1"),
                    processedByFirst.size());
            heldByFirst = heldBy(setup, broker, messages, processedByFirst);
            if (brokerFault == BrokerFault.KILL_NINE) {
                Faults.killNine(broker);
                Faults.startAgain(broker);
                prepare(
                        setup,
                        broker); // as an application does at start: a broker that lost everything lost its group too
            } else {
                Faults.restartGracefully(broker);
            }
            String fault = brokerFault == BrokerFault.KILL_NINE ? "kill -9" : "graceful stop";
            narrator.say(
                    "nemesis",
                    "%s the broker at %s; started again, it has %s",
                    brokerFault.label(),
                    at(start, fault, broker.serviceName()),
                    stored(setup, broker));

            LogLines second = new LogLines();
            try (JavaAppService consumer = consumer(setup, "consumer-2", network, second)) {
                consumer.start();
                narrator.say(
                        "consumer-2",
                        "started%s",
                        recovered(second) > 0 ? ", recovered " + recovered(second) + " left by consumer-1" : "");
                Awaitility.await("consumer-2 has finished everything the broker had")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> finished(setup, broker, second));
                narrator.say(
                        "consumer-2",
                        "processed %d messages; the broker has none left",
                        processed(second).size());
            }
            second.awaitEnd(WAIT);
            for (LogLines lines : new LogLines[] {first, second}) {
                processedInOrder(lines).forEach(history::received);
            }
        }
        // end-snippet
        return new Result(
                setup, brokerFault, killAfter, history.check(), processedByFirst, heldByFirst, FaultLog.since(start));
    }

    /** When the nemesis last did that fault to that target, from the start of the run, as the fault log recorded it. */
    private static String at(Instant start, String what, String target) {
        FaultEvent last = FaultLog.since(start).stream()
                .filter(event -> event.what().equals(what) && event.target().equals(target))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalStateException("no " + what + " of " + target + " was logged"));
        return String.format(
                Locale.ROOT, "%.1f s", Duration.between(start, last.at()).toMillis() / 1000.0);
    }

    private static LabContainer<?> broker(Setup setup, Network network) {
        return setup.onRabbitMq()
                ? new RabbitMqService().onNetwork(network)
                : new RedisService()
                        .withServerFlags(setup.redisFlags().toArray(String[]::new))
                        .onNetwork(network);
    }

    private static JavaAppService consumer(Setup setup, String name, Network network, LogLines lines) {
        String brokerHost = setup.onRabbitMq() ? "rabbitmq" : "redis";
        JavaAppService consumer = new JavaAppService(name, SideBySideConsumer.class, setup.name(), brokerHost, name)
                .withLibrariesOf(WorkerClasspath.CLIENT_LIBRARIES)
                .withLogConsumer(lines);
        consumer.withNetwork(network);
        return consumer.withReadinessProbe(() -> {
            if (lines.lines().stream().noneMatch(line -> line.startsWith("ready"))) {
                throw new IllegalStateException(name + " is not consuming yet");
            }
        });
    }

    /** Declares what the setup reads from; safe to run again on a broker that kept it. */
    private static void prepare(Setup setup, LabContainer<?> broker) throws Exception {
        switch (setup.consumerKind()) {
            case REDIS_STREAM_GROUP -> {
                try (Jedis jedis = ((RedisService) broker).client()) {
                    if (!jedis.exists(Setup.QUEUE)) {
                        jedis.xgroupCreate(Setup.QUEUE, Setup.GROUP, new StreamEntryID(), true);
                    }
                }
            }
            case RABBIT_AUTO_ACK, RABBIT_MANUAL_ACK ->
                rabbit(broker, channel -> channel.queueDeclare(Setup.QUEUE, true, false, false, null));
            case RABBIT_QUORUM -> {
                rabbit(
                        broker,
                        channel -> channel.queueDeclare(
                                Setup.QUEUE, true, false, false, Map.of("x-queue-type", "quorum")));
                ((RabbitMqService) broker).awaitQuorumQueueRegisteredOnDisk(Setup.QUEUE);
            }
            default -> {}
        }
    }

    /**
     * For the at-most-once setups, what consumer-1 held when it died, from the broker's side: what the broker no
     * longer has, minus what consumer-1 processed. Redis Pub/Sub stores nothing, so it held all it had not processed;
     * a list keeps the rest in the list; a queue hands out in order, so the ready count says which ids are left.
     */
    private static SortedSet<Long> heldBy(Setup setup, LabContainer<?> broker, int messages, List<Long> processed)
            throws Exception {
        if (setup.atLeastOnce()) {
            return new TreeSet<>();
        }
        SortedSet<Long> held = sentAndNotIn(messages, processed);
        switch (setup) {
            case REDIS_LIST_BRPOP -> {
                try (Jedis jedis = ((RedisService) broker).client()) {
                    jedis.lrange(Setup.QUEUE, 0, -1).forEach(id -> held.remove(Long.parseLong(id)));
                }
            }
            case RABBIT_AUTO_ACK -> {
                RabbitMqService rabbit = (RabbitMqService) broker;
                Awaitility.await("the broker has noticed consumer-1 is gone")
                        .atMost(WAIT)
                        .until(() -> rabbit.consumers(Setup.QUEUE) == 0);
                long ready = rabbit.readyMessages(Setup.QUEUE);
                held.removeIf(id -> id > messages - ready);
            }
            default -> {}
        }
        return held;
    }

    /** What the broker holds, for the narration. */
    private static String stored(Setup setup, LabContainer<?> broker) throws Exception {
        if (setup.onRabbitMq()) {
            return ((RabbitMqService) broker).readyMessages(Setup.QUEUE) + " message(s) ready";
        }
        try (Jedis jedis = ((RedisService) broker).client()) {
            return switch (setup.consumerKind()) {
                case REDIS_PUBSUB -> "nothing stored (Pub/Sub stores nothing)";
                case REDIS_STREAM_GROUP -> jedis.xlen(Setup.QUEUE) + " stream entries";
                default -> (jedis.llen(Setup.QUEUE) + jedis.llen(Setup.PROCESSING)) + " message(s) in its lists";
            };
        }
    }

    private static void publish(Setup setup, LabContainer<?> broker, int messages, DeliveryHistory history)
            throws Exception {
        if (setup.onRabbitMq()) {
            rabbit(broker, channel -> {
                boolean confirms = setup.atLeastOnce();
                if (confirms) {
                    channel.confirmSelect();
                }
                for (long id = 1; id <= messages; id++) {
                    channel.basicPublish(
                            "",
                            Setup.QUEUE,
                            MessageProperties.PERSISTENT_TEXT_PLAIN,
                            Long.toString(id).getBytes(StandardCharsets.UTF_8));
                    history.sent(id);
                }
                if (confirms) {
                    channel.waitForConfirmsOrDie(WAIT.toMillis());
                }
                return null;
            });
            return;
        }
        try (Jedis jedis = ((RedisService) broker).client()) {
            for (long id = 1; id <= messages; id++) {
                String value = Long.toString(id);
                switch (setup.consumerKind()) {
                    case REDIS_PUBSUB -> jedis.publish(Setup.QUEUE, value);
                    case REDIS_STREAM_GROUP -> jedis.xadd(Setup.QUEUE, XAddParams.xAddParams(), Map.of("id", value));
                    default -> jedis.lpush(Setup.QUEUE, value);
                }
                history.sent(id);
            }
        }
    }

    /** Whether consumer-2 has processed everything it will ever get: nothing is left in the broker, nothing in its hands. */
    private static boolean finished(Setup setup, LabContainer<?> broker, LogLines consumer) throws Exception {
        if (setup.onRabbitMq()) {
            RabbitMqService rabbit = (RabbitMqService) broker;
            boolean noneLeft = rabbit.readyMessages(Setup.QUEUE) == 0 && rabbit.unacknowledgedDeliveries() == 0;
            // With manual acks, acked means processed: the consumer acks after it prints "processed". With autoAck,
            // sent means acked, so the consumer's own lines tell whether it has finished what it was sent.
            return noneLeft
                    && (setup != Setup.RABBIT_AUTO_ACK
                            || ids(consumer, "processed ").containsAll(ids(consumer, "took ")));
        }
        if (setup.consumerKind() == Setup.REDIS_PUBSUB) {
            return true; // nothing is ever stored, so nothing is left for consumer-2
        }
        // "idle" as the last line: it finished what it took, then found the queue empty. No producer is left to refill
        // it.
        List<String> lines = consumer.lines();
        return !lines.isEmpty() && lines.get(lines.size() - 1).equals("idle");
    }

    private static void rabbit(LabContainer<?> broker, RabbitMqService.ChannelCall<?> work) throws Exception {
        ((RabbitMqService) broker).onChannel(work);
    }

    /** Messages 1..sent, less the given ones. */
    private static SortedSet<Long> sentAndNotIn(int sent, List<Long> ids) {
        SortedSet<Long> rest = new TreeSet<>();
        for (long id = 1; id <= sent; id++) {
            rest.add(id);
        }
        ids.forEach(rest::remove);
        return rest;
    }

    private static Set<Long> processed(LogLines lines) {
        return ids(lines, "processed ");
    }

    private static List<Long> processedInOrder(LogLines lines) {
        return lines.lines().stream()
                .filter(line -> line.startsWith("processed "))
                .map(SideBySide::id)
                .toList();
    }

    private static long recovered(LogLines lines) {
        return lines.lines().stream().filter(line -> line.equals("recovered")).count();
    }

    private static Set<Long> ids(LogLines lines, String prefix) {
        return lines.lines().stream()
                .filter(line -> line.startsWith(prefix))
                .map(SideBySide::id)
                .collect(Collectors.toSet());
    }

    private static long id(String line) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1));
    }
}
