package interviewlab.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.RedisService;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The process faults, each shown on Redis with its default persistence: RDB snapshots at the save points
 * "3600 1 300 100 60 10000", no AOF. 100 keys written in a few milliseconds reach no save point.
 */
@Tag("timed")
class ProcessFaultsTest {
    private static final int KEYS = 100;
    /** What Redis logs when its shutdown saves the snapshot (finishShutdown in src/server.c, Redis 7 and later). */
    private static final String FINAL_SAVE = "Saving the final RDB snapshot before exiting.";
    /**
     * A read timeout cannot fire early; it fires late by the time the JVM takes to wake the thread, well under a
     * second even on a loaded 2-core machine. A client that retried, or waited on something else, would be later.
     */
    private static final Duration TIMEOUT_SLACK = Duration.ofSeconds(1);

    @Test
    @Claim("TK-1")
    void killNineLosesWhatRedisHadNotYetSaved() {
        try (RedisService redis = new RedisService()) {
            // given: 100 keys in a Redis with the default persistence, which has not reached a save point
            redis.start();
            try (Jedis client = redis.client()) {
                assertThat(client.configGet("save"))
                        .as("the default save points")
                        .containsEntry("save", "3600 1 300 100 60 10000");
                assertThat(client.configGet("appendonly"))
                        .as("AOF is off by default")
                        .containsEntry("appendonly", "no");
            }
            writeKeys(redis);

            // when: the server is killed with SIGKILL and the same container is started again
            // snippet:kill-nine
            Faults.killNine(redis);
            Faults.startAgain(redis);
            // end-snippet

            // then
            assertThat(redis.getLogs())
                    .as("Redis never began its shutdown save")
                    .doesNotContain(FINAL_SAVE);
            assertThat(keyCount(redis))
                    .as("kill -9 gave Redis no chance to save: all %d keys are gone", KEYS)
                    .isZero();
        }
    }

    @Test
    @Claim("TK-2")
    void aGracefulRestartKeepsTheDataAndTheServiceIsFoundOnItsNewPort() {
        try (RedisService redis = new RedisService()) {
            // given: the same 100 keys
            redis.start();
            writeKeys(redis);
            int portBefore = redis.getMappedPort(RedisService.PORT);

            // when: docker stop (SIGTERM, Redis saves on shutdown), then docker start
            Faults.restartGracefully(redis);

            // then: Docker mapped a new host port, and a client built from the re-read one finds every key
            assertThat(redis.getLogs())
                    .as("on SIGTERM, Redis saved its snapshot before it exited")
                    .contains(FINAL_SAVE, "DB saved on disk");
            assertThat(redis.getMappedPort(RedisService.PORT))
                    .as("a restarted container gets a new host port")
                    .isNotEqualTo(portBefore);
            assertThat(keyCount(redis))
                    .as("a graceful stop lets Redis save: all %d keys survive the restart", KEYS)
                    .isEqualTo(KEYS);
        }
    }

    @Test
    @Claim("TK-3")
    void aPausedServerKeepsItsConnectionsButAnswersNothingUntilUnpaused() {
        try (RedisService redis = new RedisService()) {
            // given: a Redis holding one key, and two connections to it: one to ask during the pause, one to keep idle
            redis.start();
            try (Jedis asking = redis.client();
                    Jedis idle = redis.client()) {
                asking.set("key", "value");
                idle.ping();

                // when: every process in the container is frozen
                try (Fault pause = Faults.pause(redis)) {
                    // then: the request goes out, and no answer comes back: the client gives up after its timeout
                    long asked = System.nanoTime();
                    Throwable failure = catchThrowable(() -> asking.get("key"));
                    Duration waited = Duration.ofNanos(System.nanoTime() - asked);
                    System.out.printf(
                            "the paused server's client gave up after %d ms (its timeout: %d ms)%n",
                            waited.toMillis(), RedisService.CLIENT_TIMEOUT.toMillis());
                    assertThat(failure)
                            .as("a paused server answers nothing: the client's read times out, where a dead"
                                    + " one would refuse or reset the connection")
                            .isInstanceOf(JedisConnectionException.class)
                            .hasRootCauseInstanceOf(SocketTimeoutException.class)
                            .hasRootCauseMessage("Read timed out");
                    assertThat(waited)
                            .as(
                                    "the client waited its whole timeout of %s for an answer, and at most a second more",
                                    RedisService.CLIENT_TIMEOUT)
                            .isBetween(RedisService.CLIENT_TIMEOUT, RedisService.CLIENT_TIMEOUT.plus(TIMEOUT_SLACK));
                }

                // and after unpausing, the connection left idle during the pause still works, with the same data
                assertThat(idle.get("key"))
                        .as("the pause kept the idle connection open, and the server carries on where it stopped")
                        .isEqualTo("value");
            }
        }
    }

    private static void writeKeys(RedisService redis) {
        try (Jedis client = redis.client()) {
            for (int i = 0; i < KEYS; i++) {
                client.set("key-" + i, "value-" + i);
            }
            assertThat(client.dbSize()).as("the keys were written").isEqualTo(KEYS);
        }
    }

    private static long keyCount(RedisService redis) {
        try (Jedis client = redis.client()) {
            return client.dbSize();
        }
    }
}
