package interviewlab.redisvsrabbitmq.workers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A consumer in the group {@code workers} of the stream {@code jobs}, run in its own container so a test can
 * kill it with kill -9. It reads one entry with XREADGROUP and never finishes processing it, so it never sends XACK.
 *
 * <p>Arguments: {@code <consumer name> [noack]}; with {@code noack} it reads with XREADGROUP's NOACK option,
 * which tells Redis not to keep the entry pending at all. Prints {@code ready}, then {@code read <entry id> <job>}.
 */
public final class RedisStreamWorker {
    public static final String STREAM = "jobs";
    public static final String GROUP = "workers";

    private RedisStreamWorker() {}

    public static void main(String[] args) throws InterruptedException {
        String consumer = args[0];
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(1).block(0); // block until an entry comes
        if (args.length > 1 && args[1].equals("noack")) {
            params.noAck();
        }
        try (Jedis redis = new Jedis("redis", 6379)) {
            redis.ping();
            say("ready");
            // ">": entries never delivered to any consumer of the group
            List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                    GROUP, consumer, params, Map.of(STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            StreamEntry entry = read.get(0).getValue().get(0);
            say("read " + entry.getID() + " " + entry.getFields().get("job"));
            new CountDownLatch(1).await(); // processing that never finishes, so no XACK: the test kills us here
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
