package interviewlab.support.services;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node Kafka in KRaft mode, or a broker of the lab's 3-broker cluster ({@code KafkaCluster}); ready when an
 * admin client, through this broker, sees this broker in the cluster metadata.
 *
 * <p>Clients on the host use {@link #bootstrapServers()}; containers on the same network use
 * {@link #internalBootstrapServers()}. The broker advertises the host port, which Docker assigns anew at
 * every start, so the image's start script waits until this class writes the current one.
 */
public final class KafkaService extends LabContainer<KafkaService> {
    public static final int PORT = 9092;
    public static final int INTERNAL_PORT = 19092;
    private static final String LISTENERS_FILE = "/run/kafka/advertised.listeners";
    /** The node id of the single-node Kafka, as the image's server.properties sets it. */
    private static final int SINGLE_NODE_ID = 1;
    /**
     * A cluster broker's heap: 3 brokers and 3 controllers share 2 cores and must stay under 2 GiB together (the
     * single node keeps the image's 1 GiB).
     */
    private static final String CLUSTER_BROKER_JVM_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final int nodeId;

    public KafkaService() {
        super(LabImages.KAFKA, "kafka");
        this.nodeId = SINGLE_NODE_ID;
        withExposedPorts(PORT);
    }

    /**
     * Broker {@code nodeId} (1 to 3) of the lab's 3-broker cluster, named kafka-NODEID on the cluster's network: its
     * log directory was formatted at image build with the cluster's id and feature levels.
     */
    public KafkaService(int nodeId) {
        super(LabImages.KAFKA, "kafka-" + nodeId);
        this.nodeId = nodeId;
        withExposedPorts(PORT);
        withEnv("KAFKA_NODE_ID", String.valueOf(nodeId));
        withEnv("KAFKA_ROLE", "broker");
        withEnv("KAFKA_JVM_OPTS", CLUSTER_BROKER_JVM_OPTS);
    }

    /** The broker's node id: the number Kafka's metadata names it by, as a partition's leader for example. */
    public int nodeId() {
        return nodeId;
    }

    /** For clients on the host. */
    public String bootstrapServers() {
        return getHost() + ":" + getMappedPort(PORT);
    }

    /** For clients in containers on the same network. */
    public String internalBootstrapServers() {
        return serviceName() + ":" + INTERNAL_PORT;
    }

    /** Client settings every client of this broker needs; add the rest per client. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    @Override
    protected void containerIsStarting(InspectContainerResponse containerInfo) {
        advertiseCurrentPorts();
    }

    @Override
    protected void afterStartedAgain() {
        advertiseCurrentPorts();
    }

    private void advertiseCurrentPorts() {
        String listeners = "EXTERNAL://" + bootstrapServers() + ",INTERNAL://" + internalBootstrapServers();
        // Written under another name and renamed, so the start script never reads half a line.
        run(
                "sh",
                "-c",
                "echo '" + listeners + "' > " + LISTENERS_FILE + ".new && mv " + LISTENERS_FILE + ".new "
                        + LISTENERS_FILE);
    }

    @Override
    protected void probe() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                    .noneMatch(node -> node.id() == nodeId)) {
                throw new IllegalStateException(serviceName() + " is not in the cluster metadata yet");
            }
        }
    }
}
