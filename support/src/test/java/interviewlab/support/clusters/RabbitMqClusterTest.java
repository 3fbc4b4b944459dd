package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The 3-node RabbitMQ cluster: that it forms and replicates, and that its leader helpers name the node the servers'
 * own tools name. The servers' tool for a quorum queue's leader is {@code rabbitmq-queues quorum_status}, which asks
 * every member for its Raft state; {@link RabbitMqCluster#leaderOf} reads the queue's record in the cluster's metadata
 * store through the management API instead, so the two are separate sources.
 */
class RabbitMqClusterTest {
    private static final int MESSAGES = 100;
    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;
    /** A kill -9 closes the dead node's connections at once; on a loaded machine the election may still take a while. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(60);

    /** A follower behind the majority catches up within milliseconds, unless the machine is very loaded. */
    private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Claim("TK-24")
    void theClusterFormsAndAQuorumQueueDeclaredOnOneNodeIsReadThroughAnother() throws Exception {
        try (RabbitMqCluster cluster = new RabbitMqCluster()) {
            // given: the cluster, rabbitmq-2 and rabbitmq-3 joined to rabbitmq-1 by classic peer discovery
            cluster.start();
            printStartUp(cluster);
            assertThat(cluster.runningNodes())
                    .as("the server (rabbitmqctl cluster_status) reports all 3 nodes running")
                    .containsExactlyElementsOf(cluster.nodes());

            // when: a quorum queue is declared through rabbitmq-1, and 100 messages (ids 0..99) are published to it
            // through rabbitmq-1 with publisher confirms
            RabbitMqService first = cluster.node(1);
            RabbitMqService third = cluster.node(3);
            String queue = "replicated";
            declareQuorumQueue(first, queue);
            first.onChannel(channel -> {
                channel.confirmSelect();
                for (long id = 0; id < MESSAGES; id++) {
                    channel.basicPublish(
                            "",
                            queue,
                            MessageProperties.PERSISTENT_BASIC,
                            Long.toString(id).getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
                return null;
            });

            // then: the queue has a member on every node, and rabbitmq-3's AMQP port gives back exactly the 100
            List<JsonNode> members = quorumStatus(first, queue);
            assertThat(members)
                    .as("the quorum queue declared through rabbitmq-1 has 3 members, one on each node, all voters")
                    .extracting(
                            member -> member.path("Node Name").asText(),
                            member -> member.path("Membership").asText())
                    .containsExactlyInAnyOrder(
                            tuple("rabbit@rabbitmq-1", "voter"),
                            tuple("rabbit@rabbitmq-2", "voter"),
                            tuple("rabbit@rabbitmq-3", "voter"));
            // and each member has the 100 messages in its own log: once the confirms came, the leader's commit index
            // covers them, and every member's Raft log is written up to it (a follower may lag: a confirm needs 2 of 3)
            long committed = quorumStatus(first, queue).stream()
                    .filter(member -> "leader".equals(member.path("Raft State").asText()))
                    .mapToLong(member -> member.path("Commit Index").asLong())
                    .max()
                    .orElseThrow();
            assertThat(committed)
                    .as("the leader's commit index covers at least the %d enqueues", MESSAGES)
                    .isGreaterThanOrEqualTo(MESSAGES);
            Awaitility.await("every member has written the log up to the leader's commit index " + committed)
                    .atMost(REPLICATION_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(quorumStatus(first, queue))
                            .as(
                                    "every member of the quorum queue has written its Raft log up to index %d,"
                                            + " the leader's commit index once the 100 messages were confirmed",
                                    committed)
                            .allSatisfy(member -> assertThat(
                                            member.path("Last Written").asLong())
                                    .as(
                                            "%s's last written index",
                                            member.path("Node Name").asText())
                                    .isGreaterThanOrEqualTo(committed)));
            // and they outlive the node they were published through: its leader, rabbitmq-1, is killed with kill -9,
            // and a survivor that the other one elected serves them from its own copy
            RabbitMqService leader = cluster.leaderOf(queue);
            assertThat(leader)
                    .as("the queue is led by the node it was declared through (client-local)")
                    .isSameAs(first);
            Faults.killNine(leader);
            cluster.awaitLeader(queue, survivor -> survivor != leader, ELECTION_TIMEOUT);
            List<Long> received = third.onChannel(channel -> {
                List<Long> ids = new ArrayList<>();
                GetResponse message;
                while ((message = channel.basicGet(queue, true)) != null) {
                    ids.add(Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8)));
                }
                return ids;
            });
            assertThat(received)
                    .as(
                            "the %d messages confirmed through rabbitmq-1 are all consumed through rabbitmq-3, each once,"
                                    + " after rabbitmq-1 was killed: exactly the ids 0..%d",
                            MESSAGES, MESSAGES - 1)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.range(0, MESSAGES).boxed().toList());
        }
    }

    @Test
    @Claim("TK-27")
    void theLeaderHelpersNameTheLeaderTheServersOwnToolNames() throws Exception {
        try (RabbitMqCluster cluster = new RabbitMqCluster()) {
            cluster.start();
            printStartUp(cluster);

            // given: one quorum queue declared through each node, with the client-local leader locator, so that
            // the three leaders are on three different nodes: a helper that always named the same node would fail
            Map<String, String> leadersByTool = new LinkedHashMap<>();
            Map<String, String> leadersByHelper = new LinkedHashMap<>();
            for (RabbitMqService node : cluster.nodes()) {
                String queue = "declared-on-" + node.serviceName();
                declareQuorumQueue(node, queue);
                leadersByTool.put(queue, raftLeader(cluster.node(1), queue));
                leadersByHelper.put(queue, cluster.leaderOf(queue).nodeName());
            }
            System.out.println(
                    "leaders by rabbitmq-queues quorum_status: " + leadersByTool + "; by leaderOf: " + leadersByHelper);
            assertThat(leadersByTool.values())
                    .as("the premise: the servers put the three queues' leaders on three different nodes")
                    .doesNotHaveDuplicates()
                    .hasSize(3);
            assertThat(leadersByHelper)
                    .as("leaderOf names, for each queue, the node that rabbitmq-queues quorum_status reports as its"
                            + " Raft leader")
                    .isEqualTo(leadersByTool);

            // when: the leader of the queue declared through rabbitmq-1 is killed with SIGKILL
            String queue = "declared-on-rabbitmq-1";
            RabbitMqService killed = cluster.leaderOf(queue);
            Faults.killNine(killed);
            List<RabbitMqService> survivors =
                    cluster.nodes().stream().filter(node -> node != killed).toList();

            // then: awaitLeader returns a new leader, one of the two survivors, and the servers' tool names it too
            RabbitMqService newLeader = cluster.awaitLeader(queue, leader -> leader != killed, ELECTION_TIMEOUT);
            String newLeaderByTool = raftLeader(survivors.get(0), queue);
            System.out.println("after kill -9 of " + killed.serviceName() + ": awaitLeader returned "
                    + newLeader.serviceName() + ", quorum_status on "
                    + survivors.get(0).serviceName() + " names "
                    + newLeaderByTool);
            assertThat(newLeader.serviceName())
                    .as(
                            "after kill -9 of its leader %s, awaitLeader returns one of the 2 surviving nodes",
                            killed.serviceName())
                    .isIn(survivors.stream().map(RabbitMqService::serviceName).toList());
            assertThat(newLeader.nodeName())
                    .as("the new leader awaitLeader returns is the one rabbitmq-queues quorum_status names")
                    .isEqualTo(newLeaderByTool);

            // and when the killed node is started again (new host ports; ready once rabbitmqctl await_startup, run
            // under its node name and the cluster's cookie, says it has booted), it rejoins, and the two still agree
            Faults.startAgain(killed);
            cluster.awaitAllRunning(Duration.ofSeconds(60));
            assertThat(cluster.runningNodes())
                    .as("the restarted node rejoined: the cluster reports all 3 nodes running again")
                    .containsExactlyElementsOf(cluster.nodes());
            assertThat(cluster.leaderOf(queue).nodeName())
                    .as("after the restart, leaderOf still names the node quorum_status reports as leader")
                    .isEqualTo(raftLeader(killed, queue));
        }
    }

    private static void declareQuorumQueue(RabbitMqService node, String queue) throws Exception {
        node.onChannel(channel -> channel.queueDeclare(
                queue, true, false, false, Map.of("x-queue-type", "quorum", "x-queue-leader-locator", "client-local")));
    }

    /** Every member of the quorum queue with its Raft state, as rabbitmq-queues quorum_status run on {@code node}. */
    private static List<JsonNode> quorumStatus(RabbitMqService node, String queue) throws Exception {
        JsonNode members = JSON.readTree(node.run("rabbitmq-queues", "quorum_status", queue, "--formatter", "json"));
        return StreamSupport.stream(members.spliterator(), false).toList();
    }

    /** The member whose Raft state is leader, by the servers' own tool (an unreachable member's state is a list). */
    private static String raftLeader(RabbitMqService node, String queue) throws Exception {
        List<String> leaders = quorumStatus(node, queue).stream()
                .filter(member -> "leader".equals(member.path("Raft State").asText()))
                .map(member -> member.path("Node Name").asText())
                .toList();
        assertThat(leaders)
                .as("quorum_status on %s reports exactly one leader of %s", node.serviceName(), queue)
                .hasSize(1);
        return leaders.get(0);
    }

    private static void printStartUp(RabbitMqCluster cluster) {
        Map<String, Long> memory = ClusterMemory.byNode(cluster);
        System.out.printf(
                "%s formed in %.1f s; memory per node (MiB): %s%n",
                cluster.description(),
                cluster.startUpTime().toMillis() / 1000.0,
                memory.entrySet().stream()
                        .map(node -> node.getKey() + " " + node.getValue() / (1024 * 1024))
                        .toList());
    }
}
