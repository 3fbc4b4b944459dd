package interviewlab.statelessvsstateful.app;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.RedisClient;

/** Server sessions in a shared Redis, one hash per session: every instance sees every session, and each lookup is one call. */
public final class RedisSessions implements Sessions {
    private static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);
    private static final String KEY_PREFIX = "session:";

    private final RedisClient redis;

    public RedisSessions(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public String login(User user) {
        String key = KEY_PREFIX + UUID.randomUUID();
        RedisCalls.retryingOnce(redis, () -> redis.hset(key, Map.of("user", user.name(), "locale", user.locale())));
        RedisCalls.retryingOnce(redis, () -> redis.expire(key, SESSION_LIFETIME.toSeconds()));
        return key.substring(KEY_PREFIX.length());
    }

    /** One HGETALL: the round trip every request pays. */
    @Override
    public Optional<User> lookup(String cookieValue) {
        Map<String, String> stored = RedisCalls.retryingOnce(redis, () -> redis.hgetAll(KEY_PREFIX + cookieValue));
        return stored.isEmpty() ? Optional.empty() : Optional.of(new User(stored.get("user"), stored.get("locale")));
    }

    @Override
    public void logout(String cookieValue) {
        RedisCalls.retryingOnce(redis, () -> redis.del(KEY_PREFIX + cookieValue));
    }
}
