package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.RedisSentinelService;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The lab's Redis with Sentinel: it forms and replicates, and its primary helpers say what the servers and the
 * Sentinels themselves say.
 */
class RedisSentinelClusterTest {
    private static final String LAB = RedisSentinelCluster.MASTER_NAME;
    private static final long WAIT_TIMEOUT_MILLIS = 5_000;
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

    @Test
    @Claim("TK-25")
    void theClusterFormsAndAWriteThatWaitConfirmedIsOnBothReplicas() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the cluster, started
            redis.start();
            System.out.printf(
                    "%s formed in %.1f s%n",
                    redis.description(), redis.startUpTime().toMillis() / 1000.0);
            RedisService primary = redis.servers().get(0);
            List<RedisService> replicas = redis.servers().subList(1, 3);

            // then: every Sentinel names redis-1 as the primary, knows exactly the two replicas and the two other
            // Sentinels, by their addresses on the cluster's network
            String serverVersion = primary.info("server").get("redis_version");
            for (RedisSentinelService sentinel : redis.sentinels()) {
                assertThat(sentinel.info("server"))
                        .as("%s is a Sentinel of the servers' own version, %s", sentinel.serviceName(), serverVersion)
                        .containsEntry("redis_mode", "sentinel")
                        .containsEntry("redis_version", serverVersion);
                assertThat(sentinel.masterAddress(LAB))
                        .as("%s names redis-1 as the primary", sentinel.serviceName())
                        .containsExactly(redis.networkAddress(primary), String.valueOf(RedisService.PORT));
                assertThat(sentinel.replicas(LAB))
                        .extracting(replica -> replica.get("ip"))
                        .as("%s knows exactly the two replicas", sentinel.serviceName())
                        .containsExactlyInAnyOrderElementsOf(
                                replicas.stream().map(redis::networkAddress).toList());
                assertThat(sentinel.otherSentinels(LAB))
                        .extracting(other -> other.get("ip"))
                        .as("%s knows exactly the two other Sentinels", sentinel.serviceName())
                        .containsExactlyInAnyOrderElementsOf(redis.sentinels().stream()
                                .filter(other -> other != sentinel)
                                .map(redis::networkAddress)
                                .toList());
            }

            // when: a write on the primary, then WAIT 2
            long acknowledged;
            try (Jedis client = primary.client()) {
                client.set("order-1", "paid");
                acknowledged = client.waitReplicas(2, WAIT_TIMEOUT_MILLIS);
            }

            // then: both replicas acknowledged it, and each returns it through its own host port
            assertThat(acknowledged)
                    .as("WAIT 2 reports both replicas have the write")
                    .isEqualTo(2);
            for (RedisService replica : replicas) {
                try (Jedis client = replica.client()) {
                    assertThat(client.get("order-1"))
                            .as("%s, read through its own host port, has the write", replica.serviceName())
                            .isEqualTo("paid");
                }
            }
        }
    }

    @Test
    @Claim("TK-27")
    void thePrimaryHelpersAgreeWithTheServersAndTheSentinelsBeforeAndAfterAFailover() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the cluster, started
            redis.start();

            // then: the primary the helper names is the one server whose own INFO replication says role:master
            RedisService primary = redis.primary();
            assertThat(roles(redis.servers()))
                    .as(
                            "the helper's primary, %s, is the only server reporting role:master; the others report "
                                    + "role:slave",
                            primary.serviceName())
                    .isEqualTo(expectedRoles(redis.servers(), primary));
            assertThat(redis.replicas())
                    .as("replicas() are the servers other than the primary")
                    .containsExactlyInAnyOrderElementsOf(redis.servers().stream()
                            .filter(server -> server != primary)
                            .toList());

            // when: the primary is killed with kill -9, and the Sentinels fail it over
            Faults.killNine(primary);
            long killed = System.nanoTime();
            RedisService promoted = redis.awaitPrimary(candidate -> candidate != primary, FAILOVER_TIMEOUT);
            System.out.printf(
                    "the Sentinels promoted %s %d ms after %s was killed%n",
                    promoted.serviceName(), (System.nanoTime() - killed) / 1_000_000, primary.serviceName());

            // then: the promoted server is a former replica that reports role:master itself, the other survivor
            // follows it, and every Sentinel names it
            List<RedisService> survivors =
                    redis.servers().stream().filter(server -> server != primary).toList();
            RedisService other = survivors.stream()
                    .filter(server -> server != promoted)
                    .findFirst()
                    .orElseThrow();
            redis.awaitReplicaOf(other, promoted, FAILOVER_TIMEOUT);
            assertThat(roles(survivors))
                    .as(
                            "the helper's new primary, %s, is the only surviving server reporting role:master, and the "
                                    + "other survivor reports role:slave",
                            promoted.serviceName())
                    .isEqualTo(expectedRoles(survivors, promoted));
            assertThat(other.replicationInfo())
                    .as("%s replicates from %s now", other.serviceName(), promoted.serviceName())
                    .containsEntry("master_host", redis.networkAddress(promoted));
            Awaitility.await("every Sentinel names the promoted server")
                    .atMost(FAILOVER_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        for (RedisSentinelService sentinel : redis.sentinels()) {
                            assertThat(sentinel.masterAddress(LAB))
                                    .as("%s names %s as the primary", sentinel.serviceName(), promoted.serviceName())
                                    .containsExactly(redis.networkAddress(promoted), String.valueOf(RedisService.PORT));
                        }
                    });
            assertThat(redis.primary())
                    .as("primary() now answers the promoted server")
                    .isSameAs(promoted);
        }
    }

    /** Each server's role as its own INFO replication reports it, by name. */
    private static Map<String, String> roles(List<RedisService> servers) {
        return servers.stream().collect(Collectors.toMap(RedisService::serviceName, RedisService::role));
    }

    private static Map<String, String> expectedRoles(List<RedisService> servers, RedisService primary) {
        return servers.stream()
                .collect(Collectors.toMap(RedisService::serviceName, server -> server == primary ? "master" : "slave"));
    }
}
