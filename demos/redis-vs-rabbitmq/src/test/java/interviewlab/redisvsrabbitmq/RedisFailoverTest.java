package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import interviewlab.redisvsrabbitmq.failover.NumberedKeys;
import interviewlab.support.claims.Claim;
import interviewlab.support.clusters.RedisSentinelCluster;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Redis with Sentinel (a primary, 2 replicas, 3 Sentinels; {@link RedisSentinelCluster}) when the primary fails: what
 * the replica Sentinel promotes has, and what becomes of the writes only the old primary had. Every write counted
 * here was answered OK; clients on the host reach every server through its own port, whatever the partition.
 */
class RedisFailoverTest {
    private static final int KEYS = 100;
    /** WAIT's timeout where the write must reach both replicas: ample on a loaded machine. */
    private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;
    /** WAIT's timeout where no replica can get the write: it returns after it. */
    private static final long UNREACHABLE_TIMEOUT_MILLIS = 1_000;
    /** Failure detection (2 s), the vote, the promotion; or after a heal, Sentinel's 8 s before it turns a server back. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);
    /** min-replicas-max-lag in RED-16, in seconds; the default is 10. */
    private static final int MAX_LAG_SECONDS = 5;

    @Test
    @Claim("RED-14")
    void killNineOfAPrimaryCutOffFromItsReplicasLosesExactlyTheWritesItHadNotReplicated() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the cluster, and 100 writes on the primary that WAIT 2 confirmed reached both replicas
            redis.start();
            RedisService primary = redis.primary();
            List<RedisService> replicas = redis.replicas();
            List<String> confirmed;
            List<String> unreplicated;
            try (Jedis client = primary.client()) {
                confirmed = writeConfirmedByBothReplicas(
                        client, "confirmed", "WAIT 2: both replicas have the first 100 writes");

                // when: the primary is cut off from its replicas only (the Sentinels still reach it, so no failover
                // yet), takes 100 more writes, and is killed with kill -9. The cut is never healed: its rules live in
                // the primary's network namespace, which dies with it.
                Faults.partition(List.of(primary), replicas);
                unreplicated = NumberedKeys.write(client, "unreplicated", KEYS);
                assertThat(client.waitReplicas(1, UNREACHABLE_TIMEOUT_MILLIS))
                        .as("WAIT 1 during the cut: no replica has the 100 later writes")
                        .isZero();
            }
            for (RedisService replica : replicas) {
                assertThat(NumberedKeys.heldBy(replica))
                        .as(
                                "%s, read through its own host port before the kill, has only the confirmed writes",
                                replica.serviceName())
                        .containsExactlyInAnyOrderElementsOf(confirmed);
            }
            assertThat(NumberedKeys.heldBy(primary))
                    .as("the primary holds all 200 writes it acknowledged")
                    .containsExactlyInAnyOrderElementsOf(concat(confirmed, unreplicated));
            assertThat(redis.primary())
                    .as("the Sentinels, which still reach it, still name it the primary")
                    .isSameAs(primary);
            Faults.killNine(primary);
            RedisService promoted = redis.awaitPrimary(candidate -> candidate != primary, FAILOVER_TIMEOUT);

            // then: the Sentinels promoted a replica, which holds exactly the confirmed writes: every one of the 100
            // the primary acknowledged during the cut is gone, from it and from the replica that now follows it
            assertThat(replicas)
                    .as("the Sentinels promoted one of the two replicas")
                    .contains(promoted);
            assertThat(NumberedKeys.heldBy(promoted))
                    .as("the promoted replica holds the 100 confirmed writes, and none of the 100 the old primary "
                            + "acknowledged but had not replicated")
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            RedisService other = otherThan(replicas, promoted);
            redis.awaitReplicaOf(other, promoted, FAILOVER_TIMEOUT);
            assertThat(NumberedKeys.heldBy(other))
                    .as("%s, now a replica of %s, holds the same", other.serviceName(), promoted.serviceName())
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            System.out.printf(
                    "%s promoted after kill -9 of %s: %d of %d acknowledged writes lost, exactly the unreplicated ones%n",
                    promoted.serviceName(), primary.serviceName(), unreplicated.size(), confirmed.size() + KEYS);
        }
    }

    @Test
    @Claim("RED-14")
    void writesThatWaitConfirmedOnBothReplicasSurviveAKillNineOfThePrimary() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the cluster, and the same 200 writes as with the cut, here with no cut: 100, WAIT 2, 100 more,
            // WAIT 2, each WAIT confirming both replicas have them
            redis.start();
            RedisService primary = redis.primary();
            List<String> confirmed;
            List<String> second;
            try (Jedis client = primary.client()) {
                confirmed = writeConfirmedByBothReplicas(
                        client, "confirmed", "WAIT 2: both replicas have the first 100 writes");
                second = writeConfirmedByBothReplicas(
                        client, "unreplicated", "WAIT 2 without the cut: both replicas have the 100 later writes too");
            }

            // when: the primary is killed with kill -9
            Faults.killNine(primary);
            RedisService promoted = redis.awaitPrimary(candidate -> candidate != primary, FAILOVER_TIMEOUT);

            // then: whichever replica the Sentinels promoted, it has all 200: what the cut lost, the cut lost
            assertThat(NumberedKeys.heldBy(promoted))
                    .as("%s, promoted, holds all 200 writes WAIT 2 had confirmed", promoted.serviceName())
                    .containsExactlyInAnyOrderElementsOf(concat(confirmed, second));
        }
    }

    @Test
    @Claim("RED-15")
    void anIsolatedPrimaryKeepsAcceptingWritesAndDiscardsThemWhenItRejoinsAsAReplica() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the cluster, and 100 writes that WAIT 2 confirmed
            redis.start();
            RedisService primary = redis.primary();
            List<String> confirmed;
            try (Jedis client = primary.client()) {
                confirmed = writeConfirmedByBothReplicas(client, "confirmed", "WAIT 2 confirmed the first 100 writes");
            }

            // when: the primary is partitioned from its replicas and the Sentinels (a client on the host still
            // reaches it); it takes 100 writes, the Sentinels promote a replica, it takes 100 more, and a client of
            // the new primary writes 100 there; then the partition heals
            List<String> beforeFailover;
            List<String> afterFailover;
            List<String> onNewPrimary;
            RedisService promoted;
            try (Fault isolation = Faults.isolate(primary, redis.nodes());
                    Jedis client = primary.client()) {
                beforeFailover = NumberedKeys.write(client, "isolated-before-failover", KEYS);
                assertThat(redis.primary())
                        .as("those 100 were acknowledged before the Sentinels promoted a replica")
                        .isSameAs(primary);
                promoted = redis.awaitPrimary(candidate -> candidate != primary, FAILOVER_TIMEOUT);
                afterFailover = NumberedKeys.write(client, "isolated-after-failover", KEYS);
                assertThat(primary.role())
                        .as(
                                "while the Sentinels name %s, the isolated old primary still reports role:master",
                                promoted.serviceName())
                        .isEqualTo("master");
                try (Jedis newClient = promoted.client()) {
                    onNewPrimary = NumberedKeys.write(newClient, "new-primary", KEYS);
                }
            }
            long healed = System.nanoTime();
            redis.awaitReplicaOf(primary, promoted, FAILOVER_TIMEOUT);
            System.out.printf(
                    "%s rejoined as a replica of %s %d ms after the partition healed%n",
                    primary.serviceName(), promoted.serviceName(), (System.nanoTime() - healed) / 1_000_000);

            // then: every one of the 200 writes the old primary acknowledged while isolated is gone, from it too; it
            // now reports role:slave, and holds what the new primary holds
            Map<String, String> rejoined = primary.replicationInfo();
            assertThat(rejoined)
                    .as("the old primary reports role:slave, replicating from %s", promoted.serviceName())
                    .containsEntry("role", "slave")
                    .containsEntry("master_host", redis.networkAddress(promoted));
            assertThat(redis.sentinels())
                    .as("a Sentinel turned it into a replica (its log: +convert-to-slave)")
                    .anySatisfy(sentinel -> assertThat(sentinel.getLogs())
                            .contains("+convert-to-slave slave " + redis.networkAddress(primary) + ":"));
            assertThat(primary.getLogs())
                    .as("its sync replaced its data set (its log: Flushing old data)")
                    .contains("MASTER <-> REPLICA sync: Flushing old data");
            List<String> kept = concat(confirmed, onNewPrimary);
            assertThat(NumberedKeys.heldBy(primary))
                    .as("the old primary discarded the 200 writes it acknowledged during the partition, before and "
                            + "after the failover, and holds exactly the confirmed ones and the new primary's")
                    .containsExactlyInAnyOrderElementsOf(kept)
                    .doesNotContainAnyElementsOf(concat(beforeFailover, afterFailover));
            assertThat(NumberedKeys.heldBy(promoted))
                    .as("the new primary never had them either")
                    .containsExactlyInAnyOrderElementsOf(kept);
        }
    }

    @Test
    @Claim("RED-16")
    void withMinReplicasToWriteAnIsolatedPrimaryRefusesWritesOnceItsReplicasAcksAreTooOldButLosesWhatItTookBefore() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster(
                "--min-replicas-to-write", "1", "--min-replicas-max-lag", String.valueOf(MAX_LAG_SECONDS))) {
            // given: every server set to refuse writes unless 1 replica has acknowledged within 5 s, and 100 writes
            // that WAIT 2 confirmed
            redis.start();
            RedisService primary = redis.primary();
            List<String> confirmed;
            try (Jedis client = primary.client()) {
                assertThat(client.configGet("min-replicas-*"))
                        .as("the primary runs with min-replicas-to-write 1, min-replicas-max-lag 5")
                        .containsEntry("min-replicas-to-write", "1")
                        .containsEntry("min-replicas-max-lag", String.valueOf(MAX_LAG_SECONDS));
                confirmed = writeConfirmedByBothReplicas(client, "confirmed", "WAIT 2 confirmed the first 100 writes");
            }

            // when: the primary is partitioned from the Sentinels and then its replicas (last, so that the 5 s start
            // as the partition is complete), and a client on the host writes one numbered key every 100 ms until the
            // primary refuses one; then 3 more; then the partition heals
            List<String> accepted = new ArrayList<>();
            List<Throwable> refusals = new ArrayList<>();
            AtomicLong waitedForTheFirst = new AtomicLong(-1);
            String firstValue;
            Map<String, String> whenRefused;
            RedisService promoted;
            long isolating = System.nanoTime();
            try (Fault isolation = Faults.isolate(primary, concat(redis.sentinels(), redis.servers()));
                    Jedis client = primary.client()) {
                long isolated = System.nanoTime();
                Awaitility.await("the isolated primary refuses a write")
                        .atMost(Duration.ofSeconds(MAX_LAG_SECONDS).plus(FAILOVER_TIMEOUT))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            String key = "window-" + (accepted.size() + 1);
                            Throwable refused = catchThrowable(() -> client.set(key, "value of " + key));
                            if (refused == null) {
                                accepted.add(key);
                                if (accepted.size() == 1) {
                                    // in the window, right after the first accepted write
                                    waitedForTheFirst.set(client.waitReplicas(1, UNREACHABLE_TIMEOUT_MILLIS));
                                }
                                return false;
                            }
                            refusals.add(refused);
                            return true;
                        });
                whenRefused = primary.replicationInfo();
                System.out.printf(
                        "the partition took %d ms to set up; the isolated primary then accepted %d writes, and refused"
                                + " one %d ms after the partition was complete%n",
                        (isolated - isolating) / 1_000_000,
                        accepted.size(),
                        (System.nanoTime() - isolated) / 1_000_000);
                for (int n = 1; n <= 3; n++) {
                    String key = "refused-" + n;
                    refusals.add(catchThrowable(() -> client.set(key, "value of " + key)));
                }
                assertThat(accepted)
                        .as("the isolated primary accepted writes before its replicas' acks grew too old")
                        .isNotEmpty();
                firstValue = client.get(accepted.get(0));
                assertThat(NumberedKeys.heldBy(primary))
                        .as("the isolated primary holds what it accepted and nothing it refused")
                        .containsExactlyInAnyOrderElementsOf(concat(confirmed, accepted));
                promoted = redis.awaitPrimary(candidate -> candidate != primary, FAILOVER_TIMEOUT);
            }
            redis.awaitReplicaOf(primary, promoted, FAILOVER_TIMEOUT);

            // then: the refusals were NOREPLICAS, when the primary counted no good replica and every replica's last
            // ack was more than 5 s old
            assertThat(refusals)
                    .as("the first refused write and the 3 after it were all refused with NOREPLICAS")
                    .hasSize(4)
                    .allSatisfy(refusal -> assertThat(refusal)
                            .isInstanceOf(JedisDataException.class)
                            .hasMessage("NOREPLICAS Not enough good replicas to write."));
            assertThat(whenRefused)
                    .as("when it refused, the primary counted no good replica")
                    .containsEntry("min_slaves_good_slaves", "0");
            assertThat(replicaLags(whenRefused))
                    .as(
                            "it still listed both replicas as connected, each with its last ack more than 5 s old: %s",
                            whenRefused)
                    .hasSize(2)
                    .allMatch(lag -> lag > MAX_LAG_SECONDS);
            // and: WAIT had told the client that no replica had the first accepted write, which still stood on the
            // isolated primary; after the heal, every write the primary accepted in the window is gone
            assertThat(waitedForTheFirst.get())
                    .as("WAIT 1 right after the first write the isolated primary accepted: no replica has it")
                    .isZero();
            assertThat(firstValue)
                    .as("WAIT's 0 did not undo the write: the isolated primary still returned it")
                    .isEqualTo("value of " + accepted.get(0));
            assertThat(NumberedKeys.heldBy(primary))
                    .as(
                            "rejoined as a replica of %s, the old primary holds exactly the confirmed writes: the %d it "
                                    + "accepted in the window are gone",
                            promoted.serviceName(), accepted.size())
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(NumberedKeys.heldBy(promoted))
                    .as("and the new primary never had them")
                    .containsExactlyInAnyOrderElementsOf(confirmed);
        }
    }

    /** Writes the phase's 100 keys, and asserts that WAIT 2 then reports both replicas have them. */
    private static List<String> writeConfirmedByBothReplicas(Jedis client, String phase, String confirmation) {
        List<String> keys = NumberedKeys.write(client, phase, KEYS);
        assertThat(client.waitReplicas(2, CONFIRM_TIMEOUT_MILLIS))
                .as(confirmation)
                .isEqualTo(2);
        return keys;
    }

    /** Each replica's {@code lag} (seconds since its last ack) as the primary lists it: {@code slaveN:ip=..,lag=N}. */
    private static List<Long> replicaLags(Map<String, String> replicationInfo) {
        return replicationInfo.entrySet().stream()
                .filter(field -> field.getKey().matches("slave\\d+"))
                .map(field -> Long.parseLong(field.getValue().replaceFirst("^.*lag=(\\d+).*$", "$1")))
                .toList();
    }

    private static RedisService otherThan(List<RedisService> servers, RedisService server) {
        return servers.stream().filter(other -> other != server).findFirst().orElseThrow();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... lists) {
        return Stream.of(lists).<T>flatMap(List::stream).toList();
    }
}
