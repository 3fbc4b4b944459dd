package interviewlab.support.services;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A Redis server with its built-in defaults (RDB snapshots, no AOF); ready when PING answers PONG. */
public final class RedisService extends LabContainer<RedisService> {
    public static final int PORT = 6379;
    private static final int CLIENT_TIMEOUT_MILLIS = 2_000;

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
        return new Jedis(new HostAndPort(getHost(), getMappedPort(PORT)),
                DefaultJedisClientConfig.builder().timeoutMillis(CLIENT_TIMEOUT_MILLIS).serverDefaultProtocol().build());
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
