package interviewlab.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.RedisService;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The process faults, each shown on Redis with its default persistence: RDB snapshots at the save points
 * "3600 1 300 100 60 10000", no AOF. 100 keys written in a few milliseconds reach no save point.
 */
class ProcessFaultsTest {
    private static final int KEYS = 100;

    @Test
    @Claim("TK-1")
    void killNineLosesWhatRedisHadNotYetSaved() {
        try (RedisService redis = new RedisService()) {
            // given: 100 keys in a Redis with the default persistence, which has not reached a save point
            redis.start();
            try (Jedis client = redis.client()) {
                assertThat(client.configGet("save")).as("the default save points").containsEntry("save", "3600 1 300 100 60 10000");
                assertThat(client.configGet("appendonly")).as("AOF is off by default").containsEntry("appendonly", "no");
            }
            writeKeys(redis);

            // when: the server is killed with SIGKILL and the same container is started again
            // snippet:kill-nine
            Faults.killNine(redis);
            Faults.startAgain(redis);
            // end-snippet

            // then
            assertThat(keyCount(redis)).as("kill -9 gave Redis no chance to save: all %d keys are gone", KEYS).isZero();
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
            assertThat(redis.getMappedPort(RedisService.PORT)).as("a restarted container gets a new host port").isNotEqualTo(portBefore);
            assertThat(keyCount(redis)).as("a graceful stop lets Redis save: all %d keys survive the restart", KEYS).isEqualTo(KEYS);
        }
    }

    @Test
    @Claim("TK-3")
    void aPausedServerKeepsItsConnectionsButAnswersNothingUntilUnpaused() {
        try (RedisService redis = new RedisService()) {
            // given: a Redis holding one key, and two connections to it: one to ask during the pause, one to keep idle
            redis.start();
            try (Jedis asking = redis.client(); Jedis idle = redis.client()) {
                asking.set("key", "value");
                idle.ping();

                // when: every process in the container is frozen
                try (Fault pause = Faults.pause(redis)) {
                    // then: the request goes out but no answer comes back before the client's timeout
                    assertThatThrownBy(() -> asking.get("key"))
                            .as("a paused server answers nothing: the client times out")
                            .isInstanceOf(JedisConnectionException.class);
                }

                // and after unpausing, the connection left idle during the pause still works, with the same data
                assertThat(idle.get("key")).as("the pause kept the idle connection open, and the server carries on where it stopped")
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
