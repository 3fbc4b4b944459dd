package interviewlab.support.services;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import org.awaitility.Awaitility;

/** A RabbitMQ broker with the management plugin; ready when an AMQP connection opens a channel. */
public final class RabbitMqService extends LabContainer<RabbitMqService> {
    public static final int AMQP_PORT = 5672;
    public static final int MANAGEMENT_PORT = 15672;

    public RabbitMqService() {
        super(LabImages.RABBITMQ, "rabbitmq");
        withExposedPorts(AMQP_PORT, MANAGEMENT_PORT);
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
        String registry =
                "/var/lib/rabbitmq/mnesia/rabbit@localhost/quorum/rabbit@localhost/names.dets"; // the image names the
        // node rabbit@localhost
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
