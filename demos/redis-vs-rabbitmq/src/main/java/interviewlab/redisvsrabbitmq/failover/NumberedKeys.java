package interviewlab.redisvsrabbitmq.failover;

import interviewlab.support.services.RedisService;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/**
 * The failover stories' workload: keys named after the phase they were written in ({@code confirmed-1} ..
 * {@code confirmed-100}), each one SET and acknowledged with OK; and the check: which keys a server holds afterwards.
 */
public final class NumberedKeys {
    private NumberedKeys() {}

    /** The names {@code phase-1} to {@code phase-count}. */
    public static List<String> named(String phase, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> phase + "-" + n).toList();
    }

    /**
     * Writes {@code phase-1} to {@code phase-count} and returns their names; fails unless the server acknowledged each
     * one with OK, so every key returned is a write the client was told had succeeded.
     */
    public static List<String> write(Jedis client, String phase, int count) {
        List<String> keys = named(phase, count);
        for (String key : keys) {
            String reply = client.set(key, "value of " + key);
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("SET " + key + " was answered " + reply + ", not OK");
            }
        }
        return keys;
    }

    /** Every key the server holds now, as its own KEYS * lists them, sorted. */
    public static SortedSet<String> heldBy(RedisService server) {
        try (Jedis client = server.client()) {
            return new TreeSet<>(client.keys("*"));
        }
    }
}
