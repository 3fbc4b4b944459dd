package interviewlab.redisvsrabbitmq.sidebyside;

import com.rabbitmq.client.MessageProperties;
import interviewlab.redisvsrabbitmq.workers.WorkerClasspath;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * One run of the side-by-side comparison, the same story for every setup: publish numbered messages, kill -9
 * the consumer at a chosen point, restart the broker gracefully, let a new consumer take over, and count
 * what was lost and what was processed twice.
 */
public final class SideBySide {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What one setup did with the workload. */
    public record Result(Setup setup, int killedAfter, DeliveryVerdict verdict) {
    }

    private final Narrator narrator;

    public SideBySide(Narrator narrator) {
        this.narrator = narrator;
    }

    public Result run(Setup setup, int messages, int killAfter) throws Exception {
        narrator.scenario(setup.label() + " (" + setup.guarantee() + ")");
        DeliveryHistory history = new DeliveryHistory();
        // snippet:side-by-side-story
        try (Network network = LabNetwork.create(); LabContainer<?> broker = broker(setup, network)) {
            broker.start();
            prepare(setup, broker);

            LogLines first = new LogLines();
            try (JavaAppService consumer = consumer(setup, "consumer-1", network, first)) {
                consumer.start();
                narrator.say("consumer-1", "started, consuming from %s", Setup.QUEUE);
                publish(setup, broker, messages, history);
                narrator.say("producer", "published messages 1..%d", messages);
                Awaitility.await("consumer-1 has processed " + killAfter).atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> processed(first).size() >= killAfter);
                Faults.killNine(consumer);
                narrator.say("nemesis", "kill -9 consumer-1 after it had processed %d messages", processed(first).size());
            }
            first.awaitEnd(WAIT);
            Faults.restartGracefully(broker);
            narrator.say("nemesis", "restarted the broker (stop, then start the same container)");

            LogLines second = new LogLines();
            try (JavaAppService consumer = consumer(setup, "consumer-2", network, second)) {
                consumer.start();
                narrator.say("consumer-2", "started%s", recovered(second) > 0 ? ", recovered " + recovered(second) + " left by consumer-1" : "");
                Awaitility.await("consumer-2 has finished everything the broker had").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> finished(setup, broker, second));
                narrator.say("consumer-2", "processed %d messages; the broker has none left", processed(second).size());
            }
            second.awaitEnd(WAIT);
            for (LogLines lines : new LogLines[] {first, second}) {
                lines.lines().stream().filter(line -> line.startsWith("processed ")).map(SideBySide::id).forEach(history::received);
            }
        }
        // end-snippet
        DeliveryVerdict verdict = history.check();
        narrator.verdict("%s: %s", setup.label(), verdict.summary());
        return new Result(setup, killAfter, verdict);
    }

    private static LabContainer<?> broker(Setup setup, Network network) {
        return setup.onRabbitMq() ? new RabbitMqService().onNetwork(network) : new RedisService().onNetwork(network);
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

    private static void prepare(Setup setup, LabContainer<?> broker) throws Exception {
        switch (setup) {
            case REDIS_STREAM_GROUP -> {
                try (Jedis jedis = ((RedisService) broker).client()) {
                    jedis.xgroupCreate(Setup.QUEUE, Setup.GROUP, new StreamEntryID(), true);
                }
            }
            case RABBIT_AUTO_ACK, RABBIT_MANUAL_ACK -> rabbit(broker, channel -> channel.queueDeclare(Setup.QUEUE, true, false, false, null));
            case RABBIT_QUORUM -> rabbit(broker, channel -> channel.queueDeclare(Setup.QUEUE, true, false, false, Map.of("x-queue-type", "quorum")));
            default -> { }
        }
    }

    private static void publish(Setup setup, LabContainer<?> broker, int messages, DeliveryHistory history) throws Exception {
        if (setup.onRabbitMq()) {
            rabbit(broker, channel -> {
                boolean confirms = setup.atLeastOnce();
                if (confirms) {
                    channel.confirmSelect();
                }
                for (long id = 1; id <= messages; id++) {
                    channel.basicPublish("", Setup.QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, Long.toString(id).getBytes(StandardCharsets.UTF_8));
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
                switch (setup) {
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
            return noneLeft && (setup != Setup.RABBIT_AUTO_ACK || ids(consumer, "processed ").containsAll(ids(consumer, "took ")));
        }
        if (setup == Setup.REDIS_PUBSUB) {
            return true;   // nothing is ever stored, so nothing is left for consumer-2
        }
        // "idle" as the last line: it finished what it took, then found the queue empty. No producer is left to refill it.
        List<String> lines = consumer.lines();
        return !lines.isEmpty() && lines.get(lines.size() - 1).equals("idle");
    }

    private static void rabbit(LabContainer<?> broker, RabbitMqService.ChannelCall<?> work) throws Exception {
        ((RabbitMqService) broker).onChannel(work);
    }

    private static Set<Long> processed(LogLines lines) {
        return ids(lines, "processed ");
    }

    private static long recovered(LogLines lines) {
        return lines.lines().stream().filter(line -> line.equals("recovered")).count();
    }

    private static Set<Long> ids(LogLines lines, String prefix) {
        return lines.lines().stream().filter(line -> line.startsWith(prefix)).map(SideBySide::id).collect(Collectors.toSet());
    }

    private static long id(String line) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1));
    }
}
