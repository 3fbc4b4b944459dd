package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;

/**
 * A primary and one replica ({@code --replicaof redis 6379}). The primary answers a write before any replica has it;
 * WAIT only reports how many replicas have acknowledged it so far.
 */
class RedisReplicationTest {
    private static final long WAIT_TIMEOUT_MILLIS = 1_000;

    @Test
    @Claim("RED-11")
    void waitCountsTheReplicaThatHasTheWriteWhenItIsConnected() throws Exception {
        try (Network network = LabNetwork.create();
                RedisService primary = primary(network);
                RedisService replica = replicaOf(network)) {
            // given: a replica in sync with its primary
            startInSync(primary, replica);

            try (Jedis client = primary.client()) {
                // when: a write on the primary, then WAIT 1 1000
                client.set("order-1", "paid");
                long replicas = client.waitReplicas(1, WAIT_TIMEOUT_MILLIS);

                // then
                assertThat(replicas)
                        .as("with the replica connected, WAIT reports that one replica has the write")
                        .isEqualTo(1);
            }
            assertThat(redisCliGet(replica, "order-1")).as("the replica has it").isEqualTo("paid");
        }
    }

    @Test
    @Claim("RED-11")
    void aWriteThePrimaryAcceptedWhileItsReplicaWasCutOffIsNotReplicatedAndNotRolledBack() throws Exception {
        try (Network network = LabNetwork.create();
                RedisService primary = primary(network);
                RedisService replica = replicaOf(network)) {
            // given: a replica in sync with its primary
            startInSync(primary, replica);

            try (Jedis client = primary.client()) {
                // when: the replica is cut off the network, and a client writes on the primary and WAITs for one
                // replica
                String reply;
                long replicas;
                try (Fault cut = Faults.cutNetwork(replica)) {
                    // snippet:redis-wait-with-replica-cut-off
                    reply = client.set("order-1", "paid");
                    replicas = client.waitReplicas(1, WAIT_TIMEOUT_MILLIS); // WAIT 1 1000
                    // end-snippet

                    // then: the primary accepted the write without any replica, WAIT timed out with none, and the write
                    // stays
                    assertThat(reply)
                            .as("the primary accepts the write with its replica unreachable")
                            .isEqualTo("OK");
                    assertThat(replicas)
                            .as("WAIT 1 returns 0 after its timeout: no replica acknowledged the write")
                            .isZero();
                    assertThat(client.get("order-1"))
                            .as("the write is not rolled back: it is still readable on the primary")
                            .isEqualTo("paid");
                    assertThat(redisCliGet(replica, "order-1"))
                            .as("while the replica does not have it")
                            .isEmpty();
                }
                // and once the cut heals the replica catches up: replication is asynchronous, not transactional
                long healed = System.nanoTime();
                Awaitility.await("the replica catches up")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> redisCliGet(replica, "order-1").equals("paid"));
                System.out.printf(
                        "replica caught up %d ms after the cut healed%n", (System.nanoTime() - healed) / 1_000_000);
            }
        }
    }

    /** A primary that starts a replica's first full sync at once (by default it waits 5 s for more replicas to join). */
    private static RedisService primary(Network network) {
        return new RedisService()
                .withServerFlags("--repl-diskless-sync-delay", "0")
                .onNetwork(network);
    }

    private static RedisService replicaOf(Network network) {
        return new RedisService()
                .withServerFlags("--replicaof", "redis", String.valueOf(RedisService.PORT))
                .withNetwork(network)
                .withNetworkAliases("replica");
    }

    private static void startInSync(RedisService primary, RedisService replica) {
        primary.start();
        replica.start();
        Awaitility.await("the replica is in sync")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try (Jedis client = replica.client()) {
                        return client.info("replication").contains("master_link_status:up");
                    }
                });
    }

    /**
     * GET on the replica through redis-cli inside its own container: loopback, which a cut network leaves open,
     * so the test can look at the replica while no packet reaches it from outside.
     */
    private static String redisCliGet(RedisService replica, String key) throws Exception {
        return replica.execInContainer("redis-cli", "GET", key).getStdout().strip();
    }
}
