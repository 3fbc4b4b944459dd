package interviewlab.support.services;

import java.util.List;
import java.util.Map;
import org.testcontainers.images.builder.Transferable;
import redis.clients.jedis.Jedis;

/**
 * A Redis Sentinel: the Redis image's binary in Sentinel mode ({@code redis-sentinel}), started with a sentinel.conf of
 * its own. Sentinel rewrites that file as it learns (the replicas and other Sentinels it found, each failover's
 * epoch), so it is copied into the container, writable, before the start, instead of being mounted. Ready when PING
 * answers PONG.
 */
public final class RedisSentinelService extends LabContainer<RedisSentinelService> {
    public static final int PORT = 26379;
    private static final String CONFIG_FILE = "/data/sentinel.conf";

    /** A Sentinel named {@code serviceName} that starts from {@code config}, the lines of its sentinel.conf. */
    public RedisSentinelService(String serviceName, List<String> config) {
        super(LabImages.REDIS, serviceName);
        withExposedPorts(PORT);
        withCopyToContainer(Transferable.of(String.join("\n", config) + "\n", 0644), CONFIG_FILE);
        // The image's entrypoint is redis-server; a Sentinel is the same binary started as redis-sentinel.
        withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("redis-sentinel"));
        withCommand(CONFIG_FILE);
    }

    /** A new client on the Sentinel's current host port. The caller closes it. */
    public Jedis client() {
        return RedisService.client(this, PORT);
    }

    /** One section of the Sentinel's own {@code INFO} ({@code server}, {@code sentinel}, ...), field by field. */
    public Map<String, String> info(String section) {
        try (Jedis sentinel = client()) {
            return RedisService.infoFields(sentinel.info(section));
        }
    }

    /** {@code SENTINEL GET-MASTER-ADDR-BY-NAME}: the primary's address and port on the Docker network, as it says. */
    public List<String> masterAddress(String masterName) {
        try (Jedis sentinel = client()) {
            return sentinel.sentinelGetMasterAddrByName(masterName);
        }
    }

    /** {@code SENTINEL REPLICAS}: the replicas this Sentinel knows of, each with its fields (ip, port, flags, ...). */
    public List<Map<String, String>> replicas(String masterName) {
        try (Jedis sentinel = client()) {
            return sentinel.sentinelReplicas(masterName);
        }
    }

    /** {@code SENTINEL SENTINELS}: the other Sentinels this one knows of (never itself). */
    public List<Map<String, String>> otherSentinels(String masterName) {
        try (Jedis sentinel = client()) {
            return sentinel.sentinelSentinels(masterName);
        }
    }

    @Override
    protected void probe() {
        try (Jedis sentinel = client()) {
            if (!"PONG".equals(sentinel.ping())) {
                throw new IllegalStateException(serviceName() + " did not answer PONG");
            }
        }
    }
}
