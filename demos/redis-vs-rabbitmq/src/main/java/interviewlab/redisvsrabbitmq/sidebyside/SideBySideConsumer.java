package interviewlab.redisvsrabbitmq.sidebyside;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The consumer of the side-by-side run, a process of its own in a container so it can be killed for real.
 * For each message it prints {@code took <id>}, works 5 ms, prints {@code processed <id>}, and then
 * acknowledges it the way its setup does. A consumer that starts after another one died first recovers what that one left, where the
 * setup has a way to. A Redis list or stream consumer prints {@code idle} when a read finds nothing for
 * {@link #IDLE_SECONDS}: it has finished everything it took, and the queue was empty.
 *
 * <p>Arguments: the setup's name, the broker's host, this consumer's name.
 */
public final class SideBySideConsumer {
    /** Simulated work per message; it paces the consumer so a kill lands in the middle of the stream. */
    private static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long a Redis read blocks before the consumer reports that it is idle. */
    private static final int IDLE_SECONDS = 1;

    public static void main(String[] args) throws Exception {
        Setup setup = Setup.valueOf(args[0]);
        String host = args[1];
        String name = args[2];
        switch (setup.consumerKind()) {
            case REDIS_PUBSUB -> pubSub(host);
            case REDIS_LIST_BRPOP -> brpop(host);
            case REDIS_LIST_BLMOVE -> blmove(host);
            case REDIS_STREAM_GROUP -> stream(host, name);
            case RABBIT_AUTO_ACK -> rabbit(host, setup, true);
            case RABBIT_MANUAL_ACK, RABBIT_QUORUM -> rabbit(host, setup, false);
            default -> throw new IllegalArgumentException("no consumer for " + setup);
        }
    }

    private static void process(String id) {
        System.out.println("took " + id);
        LockSupport.parkNanos(WORK_NANOS);
        System.out.println("processed " + id);
    }

    private static void pubSub(String host) {
        try (Jedis jedis = new Jedis(host, 6379)) {
            jedis.subscribe(
                    new JedisPubSub() {
                        @Override
                        public void onSubscribe(String channel, int subscribedChannels) {
                            System.out.println("ready");
                        }

                        @Override
                        public void onMessage(String channel, String id) {
                            process(id);
                        }
                    },
                    Setup.QUEUE);
        }
    }

    private static void brpop(String host) {
        try (Jedis jedis = new Jedis(host, 6379)) {
            System.out.println("ready");
            while (true) {
                List<String> popped = jedis.brpop(IDLE_SECONDS, Setup.QUEUE);
                if (popped == null || popped.isEmpty()) {
                    System.out.println("idle");
                    continue;
                }
                process(popped.get(1)); // popped: the list no longer has it, whatever happens next
            }
        }
    }

    private static void blmove(String host) {
        try (Jedis jedis = new Jedis(host, 6379)) {
            // Recovery: whatever a dead consumer left in the processing list goes back to the queue first.
            while (jedis.lmove(Setup.PROCESSING, Setup.QUEUE, ListDirection.RIGHT, ListDirection.RIGHT) != null) {
                System.out.println("recovered");
            }
            System.out.println("ready");
            while (true) {
                String id = jedis.blmove(
                        Setup.QUEUE, Setup.PROCESSING, ListDirection.RIGHT, ListDirection.LEFT, IDLE_SECONDS);
                if (id == null) {
                    System.out.println("idle");
                    continue;
                }
                process(id);
                jedis.lrem(Setup.PROCESSING, 1, id); // the acknowledgement
            }
        }
    }

    private static void stream(String host, String name) {
        try (Jedis jedis = new Jedis(host, 6379)) {
            // Recovery: claim what other consumers of the group left pending, and finish it.
            Map.Entry<StreamEntryID, List<StreamEntry>> claimed = jedis.xautoclaim(
                    Setup.QUEUE, Setup.GROUP, name, 0, new StreamEntryID(), new XAutoClaimParams().count(1000));
            for (StreamEntry entry : claimed.getValue()) {
                process(entry.getFields().get("id"));
                jedis.xack(Setup.QUEUE, Setup.GROUP, entry.getID());
            }
            System.out.println("ready");
            while (true) {
                var read = jedis.xreadGroup(
                        Setup.GROUP,
                        name,
                        XReadGroupParams.xReadGroupParams().count(1).block(IDLE_SECONDS * 1000),
                        Map.of(Setup.QUEUE, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                if (read == null || read.isEmpty()) {
                    System.out.println("idle");
                    continue;
                }
                for (var stream : read) {
                    for (StreamEntry entry : stream.getValue()) {
                        process(entry.getFields().get("id"));
                        jedis.xack(Setup.QUEUE, Setup.GROUP, entry.getID());
                    }
                }
            }
        }
    }

    private static void rabbit(String host, Setup setup, boolean autoAck) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        Connection connection = factory.newConnection();
        Channel channel = connection.createChannel();
        if (!autoAck) {
            channel.basicQos(10); // at most 10 unacknowledged deliveries in flight
        }
        DeliverCallback deliver = (tag, delivery) -> {
            process(new String(delivery.getBody(), StandardCharsets.UTF_8));
            if (!autoAck) {
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }
        };
        channel.basicConsume(Setup.QUEUE, autoAck, deliver, consumerTag -> {});
        System.out.println("ready (" + setup + ")");
        new CountDownLatch(1)
                .await(); // deliveries arrive on the client's own threads; this one only keeps the process alive
    }
}
