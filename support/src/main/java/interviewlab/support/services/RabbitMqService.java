package interviewlab.support.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;

/**
 * A RabbitMQ broker with the management plugin; ready when an AMQP connection opens a channel.
 *
 * <p>On its own ({@link #RabbitMqService()}) it is the node the image names, rabbit@localhost. As a node of a cluster
 * ({@link #named}) it is rabbit@NAME on a container whose hostname is NAME.
 */
public final class RabbitMqService extends LabContainer<RabbitMqService> {
    public static final int AMQP_PORT = 5672;
    public static final int MANAGEMENT_PORT = 15672;
    /** The node name images/rabbitmq/Dockerfile sets (RABBITMQ_NODENAME), so that the data directory never moves. */
    private static final String IMAGE_NODE_NAME = "rabbit@localhost";
    /** A management API call that takes longer is a node that hangs (paused, cut off): the caller asks another. */
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String GUEST =
            "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

    private final String nodeName;

    /** A broker on its own: service name "rabbitmq", node rabbit@localhost. */
    public RabbitMqService() {
        super(LabImages.RABBITMQ, "rabbitmq");
        this.nodeName = IMAGE_NODE_NAME;
        withExposedPorts(AMQP_PORT, MANAGEMENT_PORT);
    }

    private RabbitMqService(String serviceName, String nodeName) {
        super(LabImages.RABBITMQ, serviceName);
        this.nodeName = nodeName;
        withExposedPorts(AMQP_PORT, MANAGEMENT_PORT);
        // The host part of a node name is a hostname the node and its peers must resolve to it: Docker writes the
        // container's hostname into its own /etc/hosts, and the network alias (onNetwork) resolves it for the others.
        // https://www.rabbitmq.com/docs/clustering#node-names
        withEnv("RABBITMQ_NODENAME", nodeName);
        withCreateContainerCmdModifier(cmd -> cmd.withHostName(serviceName));
    }

    /**
     * A broker meant to be a node of a cluster: node rabbit@NAME, container hostname NAME, and (once put
     * {@link #onNetwork on a network}) reachable there as NAME. The CLI tools run in it find the node by the same
     * RABBITMQ_NODENAME, which {@code docker exec} passes on from the container's environment.
     */
    public static RabbitMqService named(String serviceName) {
        return new RabbitMqService(serviceName, "rabbit@" + serviceName);
    }

    /** The Erlang node name, for example rabbit@rabbitmq-2: how the servers and their tools name this node. */
    public String nodeName() {
        return nodeName;
    }

    /**
     * A connection factory for the current host port, as guest/guest. Automatic recovery is off:
     * a test that breaks the broker wants to see the break, not have the client hide it.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(getHost());
        factory.setPort(getMappedPort(AMQP_PORT));
        factory.setConnectionTimeout(2_000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** Work done on a channel of its own connection; see {@link #onChannel}. */
    @FunctionalInterface
    public interface ChannelCall<T> {
        T call(Channel channel) throws Exception;
    }

    /** Opens a connection and a channel, runs {@code call} on it, and closes both: for set-up and checks. */
    public <T> T onChannel(ChannelCall<T> call) throws Exception {
        try (Connection connection = connectionFactory().newConnection();
                Channel channel = connection.createChannel()) {
            return call.call(channel);
        }
    }

    /**
     * The management HTTP API's answer to {@code GET path} on this node (for example {@code /api/nodes}), as guest,
     * parsed; fails unless the node answers 200 within 5 s. https://www.rabbitmq.com/docs/http-api-reference
     */
    public JsonNode managementApi(String path) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + getHost() + ":" + getMappedPort(MANAGEMENT_PORT) + path))
                .header("Authorization", GUEST)
                .timeout(HTTP_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " on " + serviceName() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on " + serviceName() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many messages of the queue wait for a consumer (ready, not delivered and unacknowledged). */
    public long readyMessages(String queue) throws Exception {
        return onChannel(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }

    /**
     * How many deliveries, on all channels, consumers hold and have not acknowledged yet, as each channel counts
     * them right now (rabbitmqctl asks the channels; the management API's figures are sampled every few seconds,
     * and a quorum queue's own message count in {@code list_queues} lags too).
     */
    public long unacknowledgedDeliveries() {
        // rabbitmqctl waits for ever by default; a broker that hangs must fail the caller instead
        return run(
                        "rabbitmqctl",
                        "list_channels",
                        "--quiet",
                        "--no-table-headers",
                        "--timeout",
                        "10",
                        "messages_unacknowledged")
                .lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty())
                .mapToLong(Long::parseLong)
                .sum();
    }

    /** How many consumers the broker counts on the queue: a dead consumer's drops to 0 once the broker noticed. */
    public long consumers(String queue) throws Exception {
        return onChannel(channel -> channel.queueDeclarePassive(queue).getConsumerCount());
    }

    /**
     * Waits until the quorum queue's name is in the node's Ra name registry on disk. A 4.0.5 node killed before
     * that brings the queue back as a new, empty member that never elects a leader ("name_not_registered" in its
     * log), and every read of it times out; so a workload that kills the broker starts only once this holds.
     */
    public void awaitQuorumQueueRegisteredOnDisk(String queue) {
        // the node's data directory, and its Ra system's within it, are named for the node
        String registry = "/var/lib/rabbitmq/mnesia/" + nodeName + "/quorum/" + nodeName + "/names.dets";
        Awaitility.await("quorum queue " + queue + " is in the Ra name registry on disk")
                .atMost(Duration.ofSeconds(30))
                .until(() -> execInContainer("sh", "-c", "grep -q _" + queue + " " + registry)
                                .getExitCode()
                        == 0);
    }

    /**
     * After a restart, ready means the node has finished booting (rabbitmqctl await_startup), recovery of its
     * durable queues included, not only that AMQP answers: a test that read a durable queue right after a kill -9
     * and start once found it missing (404 NOT_FOUND) on a loaded machine, though the queue had survived.
     * Until the node has registered with epmd the command fails at once; it is asked again until it succeeds.
     */
    @Override
    protected void afterStartedAgain() {
        Awaitility.await(serviceName() + " has finished booting")
                .atMost(startupTimeout())
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> execInContainer("rabbitmqctl", "await_startup", "--timeout", "10")
                                .getExitCode()
                        == 0);
    }

    @Override
    protected Duration startupTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    protected void probe() throws Exception {
        onChannel(channel -> channel.queueDeclarePassive("amq.rabbitmq.reply-to"));
    }
}
