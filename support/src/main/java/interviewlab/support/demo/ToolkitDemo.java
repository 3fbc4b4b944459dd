package interviewlab.support.demo;

import interviewlab.support.checks.PacketLoss;
import interviewlab.support.checks.Reachability;
import interviewlab.support.clusters.ClusterMemory;
import interviewlab.support.clusters.KafkaCluster;
import interviewlab.support.clusters.LabCluster;
import interviewlab.support.clusters.RabbitMqCluster;
import interviewlab.support.clusters.RedisSentinelCluster;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabImages;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.NginxService;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import interviewlab.support.services.ShellService;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The lab's own toolkit, shown on real servers: how long each service takes to be ready, and what each fault
 * does. Every topic's tests are built from these pieces.
 */
public final class ToolkitDemo {
    private static final int KEYS = 100;
    private static final double LOSS = 0.30;
    private static final int PINGS = 1000;
    /** TK-4's bound: 30 % ± 8 points, which 1,000 pings at a true 30 % leave less than once in 10^7 runs (5.5 standard deviations). */
    private static final double LOSS_TOLERANCE = 0.08;

    private final DemoRun run;
    private final Narrator narrator;

    private ToolkitDemo(DemoRun run) {
        this.run = run;
        this.narrator = run.narrator();
    }

    public static void main(String[] args) {
        List<String> versions = Stream.of(LabImages.REDIS, LabImages.RABBITMQ, LabImages.KAFKA, LabImages.NGINX)
                .map(LabImages::imageName)
                .toList();
        DemoRun.main("support", ToolkitDemo.class, versions, run -> new ToolkitDemo(run).run());
    }

    private void run() throws Exception {
        readyTimes();
        killNine();
        gracefulRestart();
        pause();
        packetLoss();
        networkCut();
        clusters();
        partitionBetweenNodes();
    }

    /** TK-28's bound: each cluster must fit on a laptop beside everything else. */
    private static final long CLUSTER_MEMORY_BOUND = 2L << 30;

    private static final String PARTITIONED_TOPIC = "orders";

    private void clusters() {
        narrator.scenario("Clusters: each forms, as its own servers report it, and fits in 2 GiB");
        Observation table = Observation.named(
                "clusters",
                "How long each cluster takes to form, and the memory it uses once formed (as docker stats shows it)",
                "cluster",
                "nodes",
                "formed in",
                "memory",
                "largest node");
        boolean allFit = true;
        StringBuilder sizes = new StringBuilder();
        for (Supplier<LabCluster> create :
                List.<Supplier<LabCluster>>of(KafkaCluster::new, RabbitMqCluster::new, RedisSentinelCluster::new)) {
            try (LabCluster cluster = create.get()) {
                narrator.say("lab", "starting %s", cluster.description());
                cluster.start();
                double seconds = cluster.startUpTime().toMillis() / 1000.0;
                narrator.say("lab", "%s formed in %.1f s", cluster.description(), seconds);
                Map<String, Long> memory = ClusterMemory.byNode(cluster);
                long total = memory.values().stream().mapToLong(Long::longValue).sum();
                Map.Entry<String, Long> largest = memory.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow();
                memory.forEach((node, bytes) -> narrator.say(node, "uses %s", mebibytes(bytes)));
                table.row(
                        cluster.description(),
                        memory.size(),
                        String.format("%.1f s", seconds),
                        mebibytes(total),
                        largest.getKey() + ", " + mebibytes(largest.getValue()));
                allFit &= total < CLUSTER_MEMORY_BOUND;
                sizes.append(sizes.isEmpty() ? "" : "; ")
                        .append(cluster.description())
                        .append(" ")
                        .append(mebibytes(total));
            }
        }
        table.verdict(Verdict.holdsIf(
                allFit,
                "TK-28",
                "every cluster, formed, uses under 2 GiB: " + sizes,
                "a cluster uses 2 GiB or more: " + sizes));
        run.record(table);
    }

    private static String mebibytes(long bytes) {
        return String.format("%d MiB", Math.round(bytes / (1024.0 * 1024)));
    }

    private void partitionBetweenNodes() throws Exception {
        narrator.scenario(
                "A partition between nodes: the leader of a partition is cut off from the rest of its cluster");
        Observation table = Observation.named(
                "partition-links",
                "Which links between the Kafka cluster's 6 nodes connect, before, during and after cutting a partition's leader off",
                "links",
                "before",
                "during",
                "healed");
        try (KafkaCluster kafka = new KafkaCluster()) {
            kafka.start();
            kafka.createTopic(PARTITIONED_TOPIC, 1, Map.of("min.insync.replicas", "2"));
            TopicPartition partition = new TopicPartition(PARTITIONED_TOPIC, 0);
            KafkaService leader = kafka.awaitLeader(partition, any -> true, CLUSTER_WAIT);
            kafka.awaitInSyncReplicas(partition, 3, CLUSTER_WAIT);
            narrator.say(
                    "kafka",
                    "%s leads %s; in sync: %s",
                    leader.serviceName(),
                    partition,
                    names(kafka.inSyncReplicas(partition)));
            List<LabContainer<?>> nodes = kafka.nodes();
            Map<Boolean, long[]> before = linkCounts(nodes, leader);
            narrator.say(
                    "nemesis",
                    "partition %s from the other %d nodes (iptables in %s, by their addresses)",
                    leader.serviceName(),
                    nodes.size() - 1,
                    leader.serviceName());
            Map<Boolean, long[]> during;
            KafkaService newLeader;
            try (Fault partitionFault = Faults.isolate(leader, nodes)) {
                during = linkCounts(nodes, leader);
                narrator.say(
                        "prober",
                        "links to and from %s: %d of %d connect; between the others: %d of %d",
                        leader.serviceName(),
                        during.get(true)[0],
                        during.get(true)[1],
                        during.get(false)[0],
                        during.get(false)[1]);
                newLeader = kafka.awaitLeader(partition, broker -> broker != leader, CLUSTER_WAIT);
                narrator.say(
                        "kafka",
                        "%s leads %s now; in sync: %s; fenced by the controllers: %s",
                        newLeader.serviceName(),
                        partition,
                        names(kafka.inSyncReplicas(partition)),
                        names(kafka.fencedBrokers()));
                narrator.say("nemesis", "heal the partition");
            }
            Map<Boolean, long[]> healed = linkCounts(nodes, leader);
            kafka.awaitInSyncReplicas(partition, 3, CLUSTER_WAIT);
            narrator.say(
                    "kafka",
                    "healed: %s caught up; in sync: %s",
                    leader.serviceName(),
                    names(kafka.inSyncReplicas(partition)));
            table.row(
                    "to and from " + leader.serviceName(),
                    connects(before.get(true)),
                    connects(during.get(true)),
                    connects(healed.get(true)));
            table.row(
                    "between the other 5",
                    connects(before.get(false)),
                    connects(during.get(false)),
                    connects(healed.get(false)));
            boolean exact = before.get(true)[0] == before.get(true)[1]
                    && before.get(false)[0] == before.get(false)[1]
                    && during.get(true)[0] == 0
                    && during.get(false)[0] == during.get(false)[1]
                    && healed.get(true)[0] == healed.get(true)[1]
                    && healed.get(false)[0] == healed.get(false)[1];
            table.verdict(Verdict.holdsIf(
                    exact,
                    "TK-26",
                    String.format(
                            "the partition cut all %d links to and from %s and none of the %d between the others; "
                                    + "healed, all connect again",
                            during.get(true)[1], leader.serviceName(), during.get(false)[1]),
                    String.format(
                            "during the partition %d of %d links to and from %s and %d of %d between the others "
                                    + "connected; healed, %d and %d",
                            during.get(true)[0],
                            during.get(true)[1],
                            leader.serviceName(),
                            during.get(false)[0],
                            during.get(false)[1],
                            healed.get(true)[0],
                            healed.get(false)[0])));
            table.faults(run.faultsSoFar());
        }
        run.record(table);
    }

    private static final Duration CLUSTER_WAIT = Duration.ofSeconds(60);

    private static String names(List<? extends LabContainer<?>> nodes) {
        return nodes.stream().map(LabContainer::serviceName).collect(Collectors.joining(", "));
    }

    /**
     * Of the ordered links between the nodes, how many connect, split by whether they touch {@code node}: under
     * {@code true} the links to and from it, under {@code false} the others; each as {connecting, all}.
     */
    private static Map<Boolean, long[]> linkCounts(List<LabContainer<?>> nodes, LabContainer<?> node) {
        Map<Boolean, long[]> counts = Map.of(true, new long[2], false, new long[2]);
        for (Reachability.Link link : Reachability.links(nodes, KafkaCluster::peerPort)) {
            long[] count = counts.get(link.touches(node));
            count[0] += link.connects() ? 1 : 0;
            count[1]++;
        }
        return counts;
    }

    private static String connects(long[] count) {
        return count[0] + " of " + count[1] + " connect";
    }

    private void readyTimes() {
        narrator.scenario("Ready means a real client did real work: how long each service takes");
        Observation table = Observation.named(
                "ready-times", "How long each service takes to be ready", "service", "image", "ready in");
        for (LabContainer<?> service : List.<LabContainer<?>>of(
                new RedisService(), new RabbitMqService(), new KafkaService(), new NginxService())) {
            try (service) {
                narrator.say("lab", "starting %s (%s)", service.serviceName(), service.getDockerImageName());
                long start = System.nanoTime();
                service.start();
                String seconds = String.format("%.1f s", (System.nanoTime() - start) / 1e9);
                narrator.say(service.serviceName(), "ready in %s", seconds);
                table.row(service.serviceName(), service.getDockerImageName(), seconds);
            }
        }
        run.record(table);
    }

    private void killNine() {
        narrator.scenario("kill -9: Redis with its default persistence loses what it had not saved");
        try (RedisService redis = new RedisService()) {
            redis.start();
            writeKeys(redis);
            narrator.say("nemesis", "kill -9 redis");
            Faults.killNine(redis);
            narrator.say("nemesis", "start the same container again");
            Faults.startAgain(redis);
            long left = keyCount(redis);
            narrator.say("client", "counts the keys: %d", left);
            run.verdict(Verdict.holdsIf(
                    left == 0,
                    "TK-1",
                    String.format(
                            "%d of %d keys survived kill -9: no snapshot save point had been reached, and AOF is off by default",
                            left, KEYS),
                    String.format(
                            "%d of %d keys survived kill -9, where the default persistence should have saved none",
                            left, KEYS)));
        }
    }

    private void gracefulRestart() {
        narrator.scenario("Graceful restart: SIGTERM lets Redis save before it exits");
        try (RedisService redis = new RedisService()) {
            redis.start();
            writeKeys(redis);
            int portBefore = redis.getMappedPort(RedisService.PORT);
            narrator.say("nemesis", "docker stop redis (SIGTERM), then docker start");
            Faults.restartGracefully(redis);
            int portAfter = redis.getMappedPort(RedisService.PORT);
            narrator.say("lab", "host port was %d, is now %d: clients must re-read it", portBefore, portAfter);
            long left = keyCount(redis);
            narrator.say("client", "counts the keys on port %d: %d", portAfter, left);
            run.verdict(Verdict.holdsIf(
                    left == KEYS,
                    "TK-2",
                    String.format(
                            "%d of %d keys survived a graceful restart: Redis wrote its snapshot on shutdown",
                            left, KEYS),
                    String.format("only %d of %d keys survived a graceful restart", left, KEYS)));
        }
    }

    private void pause() {
        narrator.scenario("Pause: the server is frozen, its connections stay open, nothing answers");
        try (RedisService redis = new RedisService()) {
            redis.start();
            boolean readTimedOut = false;
            double waited = 0;
            String after;
            try (Jedis idle = redis.client();
                    Jedis client = redis.client()) {
                client.set("key", "value");
                idle.ping();
                narrator.say("nemesis", "docker pause redis");
                long start = System.nanoTime();
                try (Fault pause = Faults.pause(redis)) {
                    client.get("key");
                    narrator.say("client", "GET answered while the server was paused");
                } catch (JedisConnectionException e) {
                    waited = (System.nanoTime() - start) / 1e9;
                    readTimedOut = rootCause(e) instanceof SocketTimeoutException;
                    narrator.say("client", "GET gave up after %.1f s: %s", waited, rootCause(e));
                }
                narrator.say("nemesis", "docker unpause redis");
                after = idle.get("key");
                narrator.say("client", "the connection left idle during the pause reads '%s'", after);
            }
            double timeout = RedisService.CLIENT_TIMEOUT.toMillis() / 1000.0;
            boolean onTime =
                    waited >= timeout && waited <= timeout + 1; // TK-3's words: the client's timeout, at most 1 s late
            run.verdict(Verdict.holdsIf(
                    readTimedOut && onTime && "value".equals(after),
                    "TK-3",
                    String.format(
                            "paused, Redis answered nothing: the GET's read timed out after %.1f s (the client's %.0f s); unpaused, "
                                    + "the connection left idle reads '%s' as before",
                            waited, timeout, after),
                    String.format(
                            "paused, the GET %s after %.1f s (the client's timeout is %.0f s); unpaused, the idle connection reads '%s'",
                            readTimedOut ? "timed out reading" : "did not time out reading", waited, timeout, after)));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void packetLoss() throws Exception {
        narrator.scenario("Packet loss in the kernel: iptables drops 30% of the packets a container receives");
        try (Network network = LabNetwork.create();
                ShellService target = new ShellService("target").onNetwork(network);
                ShellService prober = new ShellService("prober").onNetwork(network)) {
            target.start();
            prober.start();
            double without = PacketLoss.measure(prober, "target", PINGS).rate();
            narrator.say("prober", "pings target %d times: %.1f%% lost", PINGS, 100 * without);
            narrator.say(
                    "nemesis",
                    "iptables -I INPUT ! -i lo -m statistic --mode random --probability %.2f -j DROP (in target)",
                    LOSS);
            double measured;
            try (Fault loss = Faults.dropIncomingPackets(target, LOSS)) {
                measured = PacketLoss.measure(prober, "target", PINGS).rate();
                narrator.say("prober", "pings target %d times: %.1f%% lost", PINGS, 100 * measured);
            }
            boolean asConfigured = without == 0 && Math.abs(measured - LOSS) <= LOSS_TOLERANCE;
            run.verdict(Verdict.holdsIf(
                    asConfigured,
                    "TK-4",
                    String.format(
                            "configured %.0f%% loss, measured %.1f%% over %d pings, and none without the rule",
                            100 * LOSS, 100 * measured, PINGS),
                    String.format(
                            "configured %.0f%% loss, measured %.1f%% with the rule and %.1f%% without it",
                            100 * LOSS, 100 * measured, 100 * without)));
        }
    }

    private void networkCut() {
        narrator.scenario("Network cut: every packet in and out is dropped, then the cut heals");
        try (RedisService redis = new RedisService()) {
            redis.start();
            narrator.say("nemesis", "cut redis off the network");
            boolean unreachable;
            try (Fault cut = Faults.cutNetwork(redis);
                    Jedis client = redis.client()) {
                client.ping();
                unreachable = false;
                narrator.say("client", "PING answered through the cut");
            } catch (JedisConnectionException e) {
                unreachable = true;
                narrator.say("client", "PING failed: %s", e.getMessage());
            }
            narrator.say("nemesis", "heal the cut");
            try (Jedis client = redis.client()) {
                String pong = client.ping();
                run.verdict(Verdict.holdsIf(
                        unreachable && "PONG".equals(pong),
                        "TK-5",
                        String.format("cut off, Redis could not be reached; healed, it answers %s", pong),
                        String.format(
                                "cut off, Redis %s; healed, it answers %s",
                                unreachable ? "could not be reached" : "still answered", pong)));
            }
        }
    }

    private void writeKeys(RedisService redis) {
        try (Jedis client = redis.client()) {
            for (int i = 0; i < KEYS; i++) {
                client.set("key-" + i, "value-" + i);
            }
        }
        narrator.say("client", "wrote %d keys", KEYS);
    }

    private static long keyCount(RedisService redis) {
        try (Jedis client = redis.client()) {
            return client.dbSize();
        }
    }
}
