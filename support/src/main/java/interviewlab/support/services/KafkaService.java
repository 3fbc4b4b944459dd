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
 * A single-node Kafka in KRaft mode; ready when an admin client sees the broker in the cluster metadata.
 *
 * <p>Clients on the host use {@link #bootstrapServers()}; containers on the same network use
 * {@link #internalBootstrapServers()}. The broker advertises the host port, which Docker assigns anew at
 * every start, so the image's start script waits until this class writes the current one.
 */
public final class KafkaService extends LabContainer<KafkaService> {
    public static final int PORT = 9092;
    public static final int INTERNAL_PORT = 19092;
    private static final String LISTENERS_FILE = "/run/kafka/advertised.listeners";

    public KafkaService() {
        super(LabImages.KAFKA, "kafka");
        withExposedPorts(PORT);
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
            if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                throw new IllegalStateException("kafka reports no brokers yet");
            }
        }
    }
}
