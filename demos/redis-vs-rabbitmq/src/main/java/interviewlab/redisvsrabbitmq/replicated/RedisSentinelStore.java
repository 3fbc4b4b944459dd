package interviewlab.redisvsrabbitmq.replicated;

import interviewlab.support.clusters.RedisSentinelCluster;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.RedisService;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;

/** Redis with Sentinel: a primary and 2 replicas; each message is an RPUSH onto one list, acknowledged by its reply. */
final class RedisSentinelStore implements ReplicatedStore {
    private static final String LIST = "orders";

    private final RedisSentinelCluster cluster = new RedisSentinelCluster();

    @Override
    public String label() {
        return "Redis with Sentinel (a primary, 2 replicas)";
    }

    @Override
    public void start() {
        cluster.start();
    }

    @Override
    public List<? extends LabContainer<?>> nodes() {
        return cluster.nodes();
    }

    @Override
    public LabContainer<?> leader() {
        return cluster.primary();
    }

    @Override
    public LabContainer<?> awaitLeaderOtherThan(LabContainer<?> old) {
        return cluster.awaitPrimary(primary -> primary != old, FAILOVER_TIMEOUT);
    }

    @Override
    public void awaitRejoined(LabContainer<?> old) {
        cluster.awaitReplicaOf((RedisService) old, cluster.primary(), FAILOVER_TIMEOUT);
    }

    @Override
    public Writer connectTo(LabContainer<?> node) {
        Jedis client = ((RedisService) node).client();
        client.ping(); // Jedis connects lazily: a dead node must fail here, where the writer retries, not mid-write
        return new Writer() {
            @Override
            public boolean write(long id) {
                // The reply is the list's new length: the server has the message. A demoted primary refuses with
                // READONLY, which Jedis throws as a data error: not acknowledged.
                try {
                    return client.rpush(LIST, String.valueOf(id)) > 0;
                } catch (redis.clients.jedis.exceptions.JedisDataException refused) {
                    return false;
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public SortedSet<Long> stored() {
        try (Jedis client = cluster.primary().client()) {
            SortedSet<Long> ids = new TreeSet<>();
            client.lrange(LIST, 0, -1).forEach(id -> ids.add(Long.parseLong(id)));
            return ids;
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
