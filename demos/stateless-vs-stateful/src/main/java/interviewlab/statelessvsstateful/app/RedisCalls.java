package interviewlab.statelessvsstateful.app;

import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Redis calls that survive Redis restarting under a running instance. */
final class RedisCalls {
    private RedisCalls() {}

    /**
     * Runs the call; if its connection had died, drops every idle pooled connection (after a restart they all
     * point at the old process) and runs it once more on a fresh one. A second failure means Redis is down.
     */
    static <T> T retryingOnce(RedisClient redis, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException staleConnection) {
            redis.getPool().clear();
            return call.get();
        }
    }
}
