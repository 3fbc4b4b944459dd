package interviewlab.redisvsrabbitmq.replicated;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import interviewlab.support.clusters.RabbitMqCluster;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;

/**
 * A RabbitMQ quorum queue on three nodes; each message is published with publisher confirms, acknowledged by its
 * confirm, which the queue's leader sends once a majority of its members have the message in their logs.
 */
final class RabbitQuorumStore implements ReplicatedStore {
    private static final String QUEUE = "orders";
    /** How long a publisher waits for a confirm before it counts the message as not acknowledged. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(2);

    private final RabbitMqCluster cluster = new RabbitMqCluster();

    @Override
    public String label() {
        return "RabbitMQ quorum queue (3 nodes)";
    }

    @Override
    public void start() {
        cluster.start();
        try {
            cluster.node(1)
                    .onChannel(channel ->
                            channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot declare the quorum queue " + QUEUE, e);
        }
        Awaitility.await("the quorum queue has a leader")
                .atMost(FAILOVER_TIMEOUT)
                .ignoreExceptions()
                .until(() -> leader() != null);
    }

    @Override
    public List<? extends LabContainer<?>> nodes() {
        return cluster.nodes();
    }

    @Override
    public LabContainer<?> leader() {
        return cluster.leaderOf(QUEUE);
    }

    @Override
    public LabContainer<?> awaitLeaderOtherThan(LabContainer<?> old) {
        return cluster.awaitLeader(QUEUE, leader -> leader != old, FAILOVER_TIMEOUT);
    }

    @Override
    public void awaitRejoined(LabContainer<?> old) {
        cluster.awaitFollowing(QUEUE, (RabbitMqService) old, FAILOVER_TIMEOUT);
    }

    @Override
    public Writer connectTo(LabContainer<?> node) {
        try {
            Connection connection = ((RabbitMqService) node).connectionFactory().newConnection();
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            return new Writer() {
                @Override
                public boolean write(long id) throws Exception {
                    channel.basicPublish(
                            "",
                            QUEUE,
                            MessageProperties.PERSISTENT_TEXT_PLAIN,
                            String.valueOf(id).getBytes(StandardCharsets.UTF_8));
                    try {
                        return channel.waitForConfirms(CONFIRM_TIMEOUT.toMillis());
                    } catch (TimeoutException noConfirm) {
                        return false;
                    }
                }

                @Override
                public void close() {
                    try {
                        connection.abort(); // a connection to a cut-off node must not wait to close
                    } catch (RuntimeException alreadyGone) {
                        // nothing to close
                    }
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + node.serviceName(), e);
        }
    }

    @Override
    public SortedSet<Long> stored() {
        try {
            return ((RabbitMqService) leader()).onChannel(channel -> {
                SortedSet<Long> ids = new TreeSet<>();
                for (GetResponse message = channel.basicGet(QUEUE, true);
                        message != null;
                        message = channel.basicGet(QUEUE, true)) {
                    ids.add(Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8)));
                }
                return ids;
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the quorum queue " + QUEUE, e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
