package interviewlab.support.services;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A Redis server with its built-in defaults (RDB snapshots, no AOF); ready when PING answers PONG. */
public final class RedisService extends LabContainer<RedisService> {
    public static final int PORT = 6379;
    /** How long a client waits to connect, and then for each answer. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

    public RedisService() {
        this("redis");
    }

    /** A server known by another name, for example {@code redis-2} of several on one network. */
    public RedisService(String serviceName) {
        super(LabImages.REDIS, serviceName);
        withExposedPorts(PORT);
    }

    /** Server flags added to the defaults, for example {@code "--appendonly", "yes"}. */
    public RedisService withServerFlags(String... flags) {
        return withCommand(flags);
    }

    /** A new client on the current host port. The caller closes it. */
    public Jedis client() {
        return client(this, PORT);
    }

    /** The server's own account of its replication ({@code INFO replication}), field by field. */
    public Map<String, String> replicationInfo() {
        return info("replication");
    }

    /** One section of the server's {@code INFO} ({@code server}, {@code replication}, ...), field by field. */
    public Map<String, String> info(String section) {
        try (Jedis jedis = client()) {
            return infoFields(jedis.info(section));
        }
    }

    /** {@code master} or {@code slave}, as the server's own {@code INFO replication} says. */
    public String role() {
        return replicationInfo().get("role");
    }

    @Override
    protected void probe() {
        try (Jedis jedis = client()) {
            if (!"PONG".equals(jedis.ping())) {
                throw new IllegalStateException(serviceName() + " did not answer PONG");
            }
        }
    }

    /** A client of a Redis-protocol service (a server, a Sentinel) on the host and current mapped port. */
    static Jedis client(LabContainer<?> service, int port) {
        // Jedis speaks the server's default protocol (RESP2) without asking; asking would only log a warning.
        return new Jedis(
                new HostAndPort(service.getHost(), service.getMappedPort(port)),
                DefaultJedisClientConfig.builder()
                        .timeoutMillis((int) CLIENT_TIMEOUT.toMillis())
                        .serverDefaultProtocol()
                        .build());
    }

    /** An INFO section's {@code field:value} lines as a map, in their order; the {@code # Section} line skipped. */
    static Map<String, String> infoFields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        info.lines().filter(line -> !line.startsWith("#") && line.contains(":")).forEach(line -> {
            int colon = line.indexOf(':');
            fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        });
        return fields;
    }
}
