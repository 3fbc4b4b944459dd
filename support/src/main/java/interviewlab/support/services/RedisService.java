package interviewlab.support.services;

import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A Redis server with its built-in defaults (RDB snapshots, no AOF); ready when PING answers PONG. */
public final class RedisService extends LabContainer<RedisService> {
    public static final int PORT = 6379;
    /** How long a client waits to connect, and then for each answer. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

    public RedisService() {
        super(LabImages.REDIS, "redis");
        withExposedPorts(PORT);
    }

    /** Server flags added to the defaults, for example {@code "--appendonly", "yes"}. */
    public RedisService withServerFlags(String... flags) {
        return withCommand(flags);
    }

    /** A new client on the current host port. The caller closes it. */
    public Jedis client() {
        // Jedis speaks the server's default protocol (RESP2) without asking; asking would only log a warning.
        return new Jedis(
                new HostAndPort(getHost(), getMappedPort(PORT)),
                DefaultJedisClientConfig.builder()
                        .timeoutMillis((int) CLIENT_TIMEOUT.toMillis())
                        .serverDefaultProtocol()
                        .build());
    }

    @Override
    protected void probe() {
        try (Jedis jedis = client()) {
            if (!"PONG".equals(jedis.ping())) {
                throw new IllegalStateException("redis did not answer PONG");
            }
        }
    }
}
