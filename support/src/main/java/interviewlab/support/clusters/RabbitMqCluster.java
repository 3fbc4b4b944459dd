package interviewlab.support.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.RabbitMqService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

/**
 * RabbitMQ 4.0 with 3 nodes, rabbitmq-1..3 (Erlang nodes rabbit@rabbitmq-1..3), on one network, with the Mnesia
 * metadata store (4.0's default; Khepri is off) and the default partition handling, {@code ignore}: a node cut off
 * keeps serving what it can, and quorum queues stay available wherever a majority of their members is.
 *
 * <p>The cluster forms the same way on a fast machine and a slow one: rabbitmq-1 starts on its own and is waited for;
 * then rabbitmq-2 and rabbitmq-3 start side by side, blank, and classic peer discovery, which is tried only by a
 * node with an empty data directory, makes each join rabbitmq-1, the one node it lists. A restarted node is no longer
 * blank: it rejoins the cluster it was in. https://www.rabbitmq.com/docs/cluster-formation#peer-discovery-classic-config
 */
public final class RabbitMqCluster implements LabCluster {
    public static final int SIZE = 3;
    private static final String CLUSTER = "rabbitmq";
    /** After rabbitmq-2 and rabbitmq-3 answer AMQP (by then they have joined), how long the cluster may take to say so. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** A command of the servers' tools that takes longer is a node that hangs: the caller asks another. */
    private static final String CLI_TIMEOUT_SECONDS = "10";
    /**
     * Nodes, and the CLI tools that talk to them, authenticate with one shared secret, the Erlang cookie.
     * https://www.rabbitmq.com/docs/clustering#erlang-cookie
     */
    private static final String COOKIE = "interview-lab-rabbitmq-cluster";
    /**
     * A peer that sends nothing (paused, or behind a partition that drops its packets) is declared down after
     * net_ticktime, give or take a quarter: here 7.5 to 12.5 s, instead of 45 to 75 s with the default 60 s. A peer
     * whose process died is seen at once, when its TCP connection closes. Quorum queues notice sooner still: Ra
     * watches its peers with a failure detector of its own (aten) and elects a new leader without waiting for it.
     * CLI tools get the same tick time, or the node would drop a tool that waits quietly for an answer.
     * https://www.rabbitmq.com/docs/nettick
     */
    private static final int NET_TICKTIME_SECONDS = 10;
    /**
     * The same cookie and tick time for the server (RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS) and for every CLI tool run in
     * the container (RABBITMQ_CTL_ERL_ARGS; {@code docker exec} passes the container's environment on). -setcookie
     * rather than a cookie file: a file copied in belongs to root, so the rabbitmq user could read it only if everyone
     * could, and Erlang refuses a cookie file that anyone but its owner can read; the image's own file, made when it
     * was built, would be shared only by the accident of every node running one image build. The node hands
     * -setcookie on to the hidden node its peer discovery starts (rabbit_peer_discovery:query_node_props/1, 4.0.5).
     */
    private static final String ERLANG_ARGS = "-setcookie " + COOKIE + " -kernel net_ticktime " + NET_TICKTIME_SECONDS;
    /**
     * Three nodes share two cores: a scheduler spinning while it waits for work takes the core from another node's.
     * RabbitMQ's scripts already turn busy waiting off by default; said here too, so it holds whatever they default to.
     * https://www.rabbitmq.com/docs/runtime#busy-waiting
     */
    private static final String NO_BUSY_WAIT = "+sbwt none +sbwtdcpu none +sbwtdio none";
    /**
     * Memory: publishers are blocked once a node uses 384 MiB (a threshold of its own, where the default, 0.6 of the
     * RAM the node detects, would be 60 % of the whole host's: the container has no memory limit). The quorum queues'
     * write-ahead log, whose entries are held in memory too until it is flushed to segment files, is flushed at 64 MiB
     * instead of 512 MiB, and the quorum queue guide asks for at least 3 times that. An idle node uses about 100 MiB.
     * https://www.rabbitmq.com/docs/memory#absolute-limit, https://www.rabbitmq.com/docs/quorum-queues#resource-use
     */
    private static final String MEMORY_CONFIG = """
            vm_memory_high_watermark.absolute = 384MiB
            raft.wal_max_size_bytes = 67108864
            """;
    /** Read with the image's /etc/rabbitmq/rabbitmq.conf: RabbitMQ loads conf.d/*.conf after it. */
    private static final String CONFIG_FILE = "/etc/rabbitmq/conf.d/10-lab-cluster.conf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Network network = LabNetwork.create();
    private final List<RabbitMqService> nodes;
    private Duration startUpTime;

    public RabbitMqCluster() {
        nodes = IntStream.rangeClosed(1, SIZE).mapToObj(this::configured).toList();
    }

    private RabbitMqService configured(int n) {
        String config = MEMORY_CONFIG;
        if (n > 1) {
            // classic_config lists the seed only: a node listing its fellow joiners could spend its retries on a
            // peer still booting, and the seed, oldest by far, is the one a blank node joins anyway.
            config += """
                    cluster_formation.peer_discovery_backend = classic_config
                    cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-1
                    """;
        }
        return RabbitMqService.named("rabbitmq-" + n)
                .onNetwork(network)
                .withEnv("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", ERLANG_ARGS + " " + NO_BUSY_WAIT)
                .withEnv("RABBITMQ_CTL_ERL_ARGS", ERLANG_ARGS)
                .withCopyToContainer(Transferable.of(config, 0644), CONFIG_FILE);
    }

    @Override
    public String description() {
        return "rabbitmq (3 nodes)";
    }

    @Override
    public List<RabbitMqService> nodes() {
        return nodes;
    }

    /** Node {@code n}, 1 to 3: rabbitmq-n. */
    public RabbitMqService node(int n) {
        if (n < 1 || n > SIZE) {
            throw new IllegalArgumentException("no node " + n + " in " + description() + ": they are 1 to " + SIZE);
        }
        return nodes.get(n - 1);
    }

    /** The node the servers call {@code nodeName}, for example rabbit@rabbitmq-2. */
    public RabbitMqService nodeNamed(String nodeName) {
        return nodes.stream()
                .filter(node -> node.nodeName().equals(nodeName))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the servers name a node " + nodeName + " that is not one of "
                                + nodes.stream().map(RabbitMqService::nodeName).toList()));
    }

    /**
     * Starts rabbitmq-1 and waits until it answers, then rabbitmq-2 and rabbitmq-3 side by side, and returns once
     * the cluster reports all 3 nodes running ({@code rabbitmqctl cluster_status}).
     */
    @Override
    public void start() {
        long began = System.nanoTime();
        ClusterFormation.startSideBySide(nodes.subList(0, 1), CLUSTER);
        ClusterFormation.startSideBySide(nodes.subList(1, SIZE), CLUSTER);
        awaitAllRunning(JOIN_TIMEOUT);
        startUpTime = Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * Why a node did not start, in its own words where the chain has them ("rabbitmq-3 did not answer within 90 s"),
     * rather than Testcontainers' outermost "Container startup failed". A node that is still discovering its peers
     * does not answer AMQP yet: a node that cannot join fails here, at its startup timeout.
     */
    /** Waits until the cluster reports every node running; fails naming the first node it did not report. */
    public void awaitAllRunning(Duration timeout) {
        AtomicReference<List<RabbitMqService>> running = new AtomicReference<>(List.of());
        AtomicReference<String> seen = new AtomicReference<>("nothing: no node answered");
        try {
            Awaitility.await(description() + " reports all nodes running")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        try {
                            running.set(runningNodes());
                            seen.set("running nodes "
                                    + running.get().stream()
                                            .map(RabbitMqService::nodeName)
                                            .toList());
                        } catch (RuntimeException e) {
                            seen.set(e.getMessage());
                        }
                        return running.get().containsAll(nodes);
                    });
        } catch (ConditionTimeoutException e) {
            RabbitMqService missing = nodes.stream()
                    .filter(node -> !running.get().contains(node))
                    .findFirst()
                    .orElseThrow();
            throw ClusterFormation.didNotJoin(missing, CLUSTER, timeout, "the cluster reported " + seen.get());
        }
    }

    @Override
    public Duration startUpTime() {
        if (startUpTime == null) {
            throw new IllegalStateException(description() + " has not been started");
        }
        return startUpTime;
    }

    /**
     * The nodes the cluster reports running, in the cluster's order, as the first running node that answers sees it
     * ({@code rabbitmqctl cluster_status}, its {@code running_nodes}). In a partition each side sees its own.
     */
    public List<RabbitMqService> runningNodes() {
        JsonNode status = askFirstAnswering(node -> parse(
                node.run("rabbitmqctl", "cluster_status", "--formatter", "json", "--timeout", CLI_TIMEOUT_SECONDS)));
        List<String> running = StreamSupport.stream(status.path("running_nodes").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
        running.forEach(this::nodeNamed); // a name that is none of ours is an error, not a node to leave out
        return nodes.stream().filter(node -> running.contains(node.nodeName())).toList();
    }

    /**
     * Which node leads the quorum queue now, as a majority of the nodes say: the field {@code leader} of {@code GET
     * /api/queues/%2F/QUEUE}, the queue's record in the cluster's metadata, asked of each running node's management
     * API. A majority, because in a partition the cut-off side keeps its last view: its own node may still name itself
     * while the other two have elected a new leader. A new leader writes itself there just after it is elected, so for
     * a moment after a leader dies the survivors may still name it: wait for a change with {@link #awaitLeader}.
     * https://www.rabbitmq.com/docs/http-api-reference
     */
    public RabbitMqService leaderOf(String queue) {
        String path = "/api/queues/%2F/"
                + URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20");
        Map<String, String> said = new LinkedHashMap<>();
        for (RabbitMqService node : nodes) {
            if (!node.isRunning()) {
                said.put(node.serviceName(), "not running");
                continue;
            }
            try {
                String leader = node.managementApi(path).path("leader").asText("");
                said.put(node.serviceName(), leader.isEmpty() ? "no leader" : leader);
            } catch (RuntimeException e) {
                said.put(node.serviceName(), "no answer (" + e.getMessage() + ")");
            }
        }
        return said.values().stream()
                .filter(leader -> leader.startsWith("rabbit@"))
                .collect(Collectors.groupingBy(leader -> leader, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(votes -> votes.getValue() > SIZE / 2)
                .map(votes -> nodeNamed(votes.getKey()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no leader of queue " + queue + " is named by a majority of the nodes: " + said));
    }

    /**
     * Waits until {@code member}'s replica of the quorum queue follows the queue's leader again, as {@code
     * rabbitmq-queues quorum_status} run on another running node reports its Raft state: after a partition healed,
     * this is when the queue has its three members back, whatever the cluster's metadata store says of the partition
     * (with the default partition handling, {@code ignore}, Mnesia keeps reporting it until a node is restarted).
     */
    public void awaitFollowing(String queue, RabbitMqService member, Duration timeout) {
        RabbitMqService asked = nodes.stream()
                .filter(node -> node != member && node.isRunning())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no other node of " + description() + " is running"));
        Awaitility.await(member.serviceName() + "'s member of " + queue + " follows the leader, as "
                        + asked.serviceName() + " reports it")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> StreamSupport.stream(
                                parse(asked.run(
                                                "rabbitmq-queues",
                                                "quorum_status",
                                                queue,
                                                "--formatter",
                                                "json",
                                                "--timeout",
                                                CLI_TIMEOUT_SECONDS))
                                        .spliterator(),
                                false)
                        .anyMatch(state -> member.nodeName()
                                        .equals(state.path("Node Name").asText())
                                && "follower".equals(state.path("Raft State").asText())));
    }

    /**
     * Waits until the queue's leader, as {@link #leaderOf} reads it, satisfies {@code condition} (for example "not
     * the node just killed"), and returns it; fails after {@code timeout} naming the last leader read.
     */
    public RabbitMqService awaitLeader(String queue, Predicate<RabbitMqService> condition, Duration timeout) {
        AtomicReference<Object> last = new AtomicReference<>("none: no node answered");
        try {
            return Awaitility.await("a leader of " + queue + " that meets the condition")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                try {
                                    RabbitMqService leader = leaderOf(queue);
                                    last.set(leader.serviceName());
                                    return leader;
                                } catch (RuntimeException e) {
                                    last.set(e.getMessage());
                                    return null;
                                }
                            },
                            leader -> leader != null && condition.test(leader));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no leader of quorum queue " + queue + " met the condition within "
                    + timeout.toSeconds() + " s; the last read: " + last.get());
        }
    }

    /**
     * Asks the running nodes in order and returns the first answer: a node that is down, or does not answer in
     * time, is skipped. Fails, with every node's failure, if none answered.
     */
    private <T> T askFirstAnswering(Function<RabbitMqService, T> question) {
        List<String> failures = new ArrayList<>();
        for (RabbitMqService node : nodes) {
            if (!node.isRunning()) {
                failures.add(node.serviceName() + " is not running");
                continue;
            }
            try {
                return question.apply(node);
            } catch (RuntimeException e) {
                failures.add(node.serviceName() + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no node of " + description() + " answered: " + failures);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Stops and removes every node, then the network; a failure to stop one does not keep the others running. */
    @Override
    public void close() {
        LabCluster.stopAll(nodes, network);
    }
}
