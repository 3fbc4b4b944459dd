package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What survives the Redis server dying. The workload: 500 writes, a snapshot (SAVE), then a client writing as fast
 * as it can while the server is stopped, by kill -9 or gracefully. A write counts as sent once Redis answered OK;
 * after a restart of the same container every write still there counts as received.
 */
class RedisPersistenceTest {
    private static final int BEFORE_SNAPSHOT = 500;
    /** The server is stopped once this many writes after the snapshot were acknowledged, while the writer goes on. */
    private static final int AFTER_SNAPSHOT_BEFORE_FAULT = 1_000;
    /**
     * A bound on the writes after the snapshot: the default save points include "60 10000" (snapshot after
     * 10,000 changes within 60 s), which would take a snapshot the test did not ask for.
     */
    private static final int AFTER_SNAPSHOT_MAX = 9_000;

    @Test
    @Claim("RED-9")
    @Claim("RED-13")
    void withDefaultPersistenceKillNineLosesTheWritesSinceTheLastSnapshot() {
        try (RedisService redis = new RedisService()) {
            // given: Redis with its defaults: RDB snapshots at save points, no AOF
            redis.start();
            assertDefaultPersistence(redis);

            // when: it is killed with kill -9 while a client writes, then started again
            Workload workload = writeWhile(redis, Faults::killNine);

            // then: what the snapshot held is back; every write acknowledged after it is gone
            DeliveryVerdict verdict = workload.history.check();
            System.out.println("default persistence, kill -9: " + verdict.summary());
            assertThat(verdict.lost())
                    .as("with RDB only, kill -9 loses every acknowledged write since the last snapshot, and only those")
                    .containsExactlyElementsOf(LongStream.rangeClosed(BEFORE_SNAPSHOT + 1, workload.lastAcknowledged)
                            .boxed()
                            .toList());
        }
    }

    @Test
    @Claim("RED-9")
    void withDefaultPersistenceAGracefulStopKeepsEveryWrite() {
        try (RedisService redis = new RedisService()) {
            // given: the same defaults
            redis.start();
            assertDefaultPersistence(redis);

            // when: it is stopped gracefully (SIGTERM) during the same writes, then started again
            Workload workload = writeWhile(redis, Faults::stopGracefully);

            // then
            DeliveryVerdict verdict = workload.history.check();
            System.out.println("default persistence, graceful stop: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("on SIGTERM Redis takes a snapshot before it exits: no acknowledged write is lost: %s", verdict)
                    .isTrue();
        }
    }

    @Test
    @Claim("RED-10")
    void withAppendOnlyFileKillNineKeepsEveryAcknowledgedWrite() {
        // given: Redis with the append-only file on, fsync once a second (the default policy)
        try (RedisService redis = new RedisService().withServerFlags("--appendonly", "yes")) {
            redis.start();
            assertFsyncPolicy(redis, "everysec");

            // when: it is killed with kill -9 during the same writes, then started again
            Workload workload = writeWhile(redis, Faults::killNine);

            // then: Redis had written each command to the AOF (into the kernel) before it replied OK, and fsyncs
            // later, in the background; the process dying loses nothing the kernel already has
            DeliveryVerdict verdict = workload.history.check();
            System.out.println("AOF everysec, kill -9: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as("with AOF on, kill -9 of the server keeps every acknowledged write: %s", verdict)
                    .isTrue();
        }
    }

    @Test
    @Claim("RED-13")
    void withAppendOnlyFileAndNoFsyncAtAllKillNineStillKeepsEveryAcknowledgedWrite() {
        // given: the append-only file on, with appendfsync no: Redis never fsyncs it and leaves the flush to the kernel
        try (RedisService redis = new RedisService().withServerFlags("--appendonly", "yes", "--appendfsync", "no")) {
            redis.start();
            assertFsyncPolicy(redis, "no");

            // when: it is killed with kill -9 during the same writes, then started again
            Workload workload = writeWhile(redis, Faults::killNine);

            // then: what protects a write from the process dying is the write(2) before the reply, not the fsync
            DeliveryVerdict verdict = workload.history.check();
            System.out.println("AOF no fsync, kill -9: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as(
                            "with AOF on and appendfsync no, kill -9 of the server still keeps every acknowledged write: "
                                    + "it was in the kernel's page cache: %s",
                            verdict)
                    .isTrue();
        }
    }

    private static void assertFsyncPolicy(RedisService redis, String policy) {
        try (Jedis client = redis.client()) {
            assertThat(client.configGet("appendonly")).as("AOF is on").containsEntry("appendonly", "yes");
            assertThat(client.configGet("appendfsync")).as("the fsync policy").containsEntry("appendfsync", policy);
        }
    }

    private static void assertDefaultPersistence(RedisService redis) {
        try (Jedis client = redis.client()) {
            assertThat(client.configGet("save"))
                    .as("the default save points")
                    .containsEntry("save", "3600 1 300 100 60 10000");
            assertThat(client.configGet("appendonly"))
                    .as("AOF is off by default")
                    .containsEntry("appendonly", "no");
        }
    }

    /** What one run recorded: acknowledged writes as sent, writes found after the restart as received. */
    private record Workload(DeliveryHistory history, long lastAcknowledged) {}

    /**
     * Writes keys write-1..write-500, takes a snapshot, then writes on from another thread; once 1,000 more are
     * acknowledged, stops the server with {@code fault}, while the writer is still writing; starts it again and reads back.
     */
    private static Workload writeWhile(RedisService redis, Consumer<LabContainer<?>> fault) {
        DeliveryHistory history = new DeliveryHistory();
        try (Jedis client = redis.client()) {
            for (long id = 1; id <= BEFORE_SNAPSHOT; id++) {
                write(client, id, history);
            }
            assertThat(client.save()).as("a snapshot of the first 500 writes").isEqualTo("OK");
        }
        AtomicLong lastAcknowledged = new AtomicLong(BEFORE_SNAPSHOT);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Jedis client = redis.client()) {
                for (long id = BEFORE_SNAPSHOT + 1; id <= BEFORE_SNAPSHOT + AFTER_SNAPSHOT_MAX; id++) {
                    write(client, id, history);
                    lastAcknowledged.set(id);
                }
            } catch (JedisException serverGone) {
                // the fault: this write got no OK (a closed connection, or an error while shutting down), so it is not
                // counted
            }
        });
        Awaitility.await("writes after the snapshot")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> lastAcknowledged.get() >= BEFORE_SNAPSHOT + AFTER_SNAPSHOT_BEFORE_FAULT);
        fault.accept(redis);
        writer.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(lastAcknowledged.get())
                .as("the fault came while the writer was still writing")
                .isLessThan(BEFORE_SNAPSHOT + AFTER_SNAPSHOT_MAX);

        Faults.startAgain(redis);
        try (Jedis client = redis.client()) {
            client.keys("write-*").stream()
                    .map(key -> Long.parseLong(key.substring("write-".length())))
                    .sorted()
                    .forEach(history::received); // KEYS answers in no order: sorted, to compare with the order written
        }
        return new Workload(history, lastAcknowledged.get());
    }

    private static void write(Jedis client, long id, DeliveryHistory history) {
        client.set("write-" + id, "value-" + id);
        history.sent(id); // only once Redis answered OK
    }
}
