package interviewlab.statelessvsstateful.app;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;

/** Server sessions in a shared Redis: every instance sees every session, and each lookup is one Redis GET. */
public final class RedisSessions implements Sessions {
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);
    private static final String KEY_PREFIX = "session:";

    private final RedisClient redis;

    public RedisSessions(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public String login(User user) {
        String id = UUID.randomUUID().toString();
        survivingARedisRestart(() -> redis.set(KEY_PREFIX + id, user.name() + "|" + user.locale(), SetParams.setParams().ex(SESSION_LIFETIME.toSeconds())));
        return id;
    }

    @Override
    public Optional<User> lookup(String cookieValue) {
        String stored = survivingARedisRestart(() -> redis.get(KEY_PREFIX + cookieValue));
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\|", 2);
        return Optional.of(new User(parts[0], parts[1]));
    }

    @Override
    public void logout(String cookieValue) {
        survivingARedisRestart(() -> redis.del(KEY_PREFIX + cookieValue));
    }

    /**
     * Runs the command, and once more if the pooled connection it used had died: after Redis restarts, the pool
     * still holds a connection to the old process. A second failure means Redis is down, and is thrown.
     */
    static <T> T survivingARedisRestart(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisConnectionException staleConnection) {
            return command.get();
        }
    }
}
