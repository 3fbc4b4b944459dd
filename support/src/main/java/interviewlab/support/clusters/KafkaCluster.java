package interviewlab.support.clusters;

import interviewlab.support.services.KafkaControllerService;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Network;

/**
 * Kafka in KRaft mode with 3 brokers (kafka-1..3, node ids 1..3) and, apart from them, 3 controllers
 * (kafka-controller-1..3, node ids 101..103) voting in the metadata quorum. Brokers and controllers are separate
 * containers so that a broker's fault is only that: with the combined mode a topic would run in (one process both),
 * killing a partition's leader would also take a controller vote away, and a claim about losing the controller
 * majority needs three voters of its own.
 *
 * <p>Every node's log directory was formatted at image build with one cluster id and the feature levels of release
 * 4.4-IV2 (among them {@code eligible.leader.replicas.version=1}: the election rules of KIP-966 are on);
 * {@link #finalizedFeatures()} reads them back from the cluster. Topics default to 3 replicas.
 */
public final class KafkaCluster implements LabCluster {
    private static final int NODES_PER_ROLE = 3;
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final Network network = LabNetwork.create();
    private final List<KafkaControllerService> controllers = new ArrayList<>();
    private final List<KafkaService> brokers = new ArrayList<>();
    private Duration startUpTime;

    public KafkaCluster() {
        this(UnaryOperator.identity());
    }

    /** With each broker's container set up further before it starts: the toolkit's own test of a failed start. */
    KafkaCluster(UnaryOperator<KafkaService> eachBroker) {
        for (int n = 1; n <= NODES_PER_ROLE; n++) {
            controllers.add(new KafkaControllerService(n).onNetwork(network));
            brokers.add(eachBroker.apply(new KafkaService(n).onNetwork(network)));
        }
    }

    @Override
    public String description() {
        return "kafka (3 brokers, 3 controllers)";
    }

    @Override
    public List<LabContainer<?>> nodes() {
        return Stream.<LabContainer<?>>concat(controllers.stream(), brokers.stream())
                .toList();
    }

    public List<KafkaService> brokers() {
        return List.copyOf(brokers);
    }

    public List<KafkaControllerService> controllers() {
        return List.copyOf(controllers);
    }

    /** Broker {@code nodeId}, 1 to 3. */
    public KafkaService broker(int nodeId) {
        return brokers.stream()
                .filter(broker -> broker.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + nodeId + " in " + description()));
    }

    /** The controller voting as node {@code nodeId}, 101 to 103. */
    public KafkaControllerService controller(int nodeId) {
        return controllers.stream()
                .filter(controller -> controller.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no controller " + nodeId + " in " + description()));
    }

    /**
     * Starts the six nodes side by side and returns once the cluster reports itself formed: a quorum leader among the
     * controllers, every voter caught up with it, and all three brokers registered and unfenced.
     */
    @Override
    public void start() {
        long start = System.nanoTime();
        ClusterFormation.startSideBySide(nodes(), "kafka");
        awaitFormed(FORMATION_TIMEOUT);
        startUpTime = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until every voter and every broker is part of the cluster, as its own metadata says. */
    public void awaitFormed(Duration timeout) {
        try {
            Awaitility.await(description() + " has formed")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> missingNode().isEmpty());
        } catch (ConditionTimeoutException e) {
            Optional<LabContainer<?>> missing;
            try {
                missing = missingNode();
            } catch (RuntimeException cause) {
                missing = Optional.of(brokers.get(0));
            }
            LabContainer<?> node = missing.orElse(brokers.get(0));
            throw ClusterFormation.didNotJoin(
                    node, "kafka", timeout, "the cluster's metadata did not list it as a caught-up voter or broker");
        }
    }

    /** The first node the cluster's metadata does not count in yet: a voter not caught up, or a broker not listed. */
    private Optional<LabContainer<?>> missingNode() {
        try (Admin admin = admin()) {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
            Set<Integer> caughtUp = quorum.voters().stream()
                    .filter(voter ->
                            voter.lastCaughtUpTimestamp().isPresent() || voter.replicaId() == quorum.leaderId())
                    .map(QuorumInfo.ReplicaState::replicaId)
                    .collect(Collectors.toSet());
            Optional<LabContainer<?>> voter = controllers.stream()
                    .filter(controller -> !caughtUp.contains(controller.nodeId()))
                    .<LabContainer<?>>map(controller -> controller)
                    .findFirst();
            if (voter.isPresent()) {
                return voter;
            }
            Set<Integer> listed = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
            return brokers.stream()
                    .filter(broker -> !listed.contains(broker.nodeId()))
                    .<LabContainer<?>>map(broker -> broker)
                    .findFirst();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster's metadata did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Duration startUpTime() {
        if (startUpTime == null) {
            throw new IllegalStateException(description() + " has not been started");
        }
        return startUpTime;
    }

    /** The port the other nodes reach this one on: a broker's internal listener, a controller's quorum listener. */
    public static int peerPort(LabContainer<?> node) {
        return node instanceof KafkaControllerService
                ? KafkaControllerService.CONTROLLER_PORT
                : KafkaService.INTERNAL_PORT;
    }

    /** For clients on the host: every broker's current host port (they change when a broker is started again). */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaService::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Client settings every client of this cluster needs; add the rest per client. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A new admin client on every broker, with short timeouts: a question to a broken cluster fails quickly. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    /** Creates a topic with 3 replicas and the given settings (min.insync.replicas, for example). */
    public void createTopic(String topic, int partitions, Map<String, String> configs) {
        call(admin -> admin.createTopics(
                        List.of(new NewTopic(topic, partitions, (short) NODES_PER_ROLE).configs(configs)))
                .all()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    /** Which broker leads this partition now, as the cluster's metadata says; empty while it has no leader. */
    public Optional<KafkaService> leaderOf(TopicPartition partition) {
        Node leader = partitionInfo(partition).leader();
        return leader == null || leader.isEmpty() ? Optional.empty() : Optional.of(broker(leader.id()));
    }

    /** The brokers in the partition's in-sync replica set now, in the order the metadata lists them. */
    public List<KafkaService> inSyncReplicas(TopicPartition partition) {
        return partitionInfo(partition).isr().stream()
                .map(node -> broker(node.id()))
                .toList();
    }

    /** Waits until the partition's in-sync replica set has {@code replicas} brokers. */
    public void awaitInSyncReplicas(TopicPartition partition, int replicas, Duration timeout) {
        Awaitility.await(partition + " has " + replicas + " replicas in sync")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> inSyncReplicas(partition).size() == replicas);
    }

    /** Waits until the partition has a leader for which {@code condition} holds, and returns it. */
    public KafkaService awaitLeader(TopicPartition partition, Predicate<KafkaService> condition, Duration timeout) {
        return Awaitility.await(partition + " has a leader as asked")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> leaderOf(partition).filter(condition), Optional::isPresent)
                .orElseThrow();
    }

    /**
     * The brokers the controllers have fenced now: registered, but taking no leadership and serving no partition,
     * because their heartbeats stopped arriving (after {@code broker.session.timeout.ms}, 9 s by default) or they are
     * shutting down.
     */
    public List<KafkaService> fencedBrokers() {
        return call(admin -> admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                        .nodes()
                        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .stream()
                .filter(Node::isFenced)
                .map(node -> broker(node.id()))
                .toList();
    }

    /** Which controller leads the metadata quorum now. */
    public KafkaControllerService quorumLeader() {
        return controller(call(admin ->
                        admin.describeMetadataQuorum().quorumInfo().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .leaderId());
    }

    /** Waits until the quorum has a leader for which {@code condition} holds, and returns it. */
    public KafkaControllerService awaitQuorumLeader(Predicate<KafkaControllerService> condition, Duration timeout) {
        return Awaitility.await("the metadata quorum has a leader as asked")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(this::quorumLeader, condition);
    }

    /** The feature levels the cluster has finalized, by name: which election rules and record formats are on. */
    public Map<String, Short> finalizedFeatures() {
        return call(admin ->
                        admin.describeFeatures().featureMetadata().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .finalizedFeatures()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().maxVersionLevel(), (a, b) -> a, TreeMap::new));
    }

    private TopicPartitionInfo partitionInfo(TopicPartition partition) {
        TopicDescription topic = call(admin -> admin.describeTopics(List.of(partition.topic()))
                        .allTopicNames()
                        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .get(partition.topic());
        return topic.partitions().stream()
                .filter(info -> info.partition() == partition.partition())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(partition + " does not exist"));
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T call(Admin admin) throws Exception;
    }

    private <T> T call(AdminCall<T> call) {
        try (Admin admin = admin()) {
            return call.call(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka cluster did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        LabCluster.stopAll(nodes(), network);
    }
}
