package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.checks.SessionLookups;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.RedisCommands;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.observed.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Sessions in a Redis every instance shares. The instances no longer hold the state, Redis does: what it costs
 * when Redis dies, and on every request.
 */
class SessionStoreTest {
    private static final int USERS = 20;

    @Test
    @Claim("SES-5")
    void withDefaultPersistenceKillingRedisLogsEveryoneOut() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.REDIS, 3, Balancer.roundRobin()).start()) {
            // given: 20 users logged in, their sessions in Redis with its defaults (RDB snapshots at save points,
            // the first of which, "3600 1", comes an hour after the server started: none has been taken)
            List<Browser> users = Clients.loggedIn(cluster, USERS);
            assertThat(Clients.statuses(users)).isEqualTo(Map.of(200, (long) USERS));
            try (Jedis redis = cluster.redis().client()) {
                assertThat(redis.configGet("save"))
                        .as("Redis's default save points")
                        .containsEntry("save", "3600 1 300 100 60 10000");
                assertThat(RedisCommands.info(redis, "persistence", "aof_enabled"))
                        .as("and no append-only file")
                        .isEqualTo("0");
                assertThat(RedisCommands.info(redis, "persistence", "rdb_saves"))
                        .as("no snapshot has been taken yet")
                        .isEqualTo("0");
            }

            // when: Redis is killed with kill -9 and started again
            Faults.killNine(cluster.redis());
            Faults.startAgain(cluster.redis());

            // then
            assertThat(Clients.statuses(users))
                    .as("the state moved to Redis: with no snapshot taken yet, kill -9 loses every session (401)")
                    .isEqualTo(Map.of(401, (long) USERS));
        }
    }

    @Test
    @Claim("SES-5")
    void withTheAppendOnlyFileKillingRedisLogsNobodyOut() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.REDIS, 3, Balancer.roundRobin())
                .withRedisFlags("--appendonly", "yes")
                .start()) {
            // given: the same 20 users, Redis writing every command to its append-only file
            List<Browser> users = Clients.loggedIn(cluster, USERS);
            assertThat(Clients.statuses(users)).isEqualTo(Map.of(200, (long) USERS));
            try (Jedis redis = cluster.redis().client()) {
                assertThat(RedisCommands.info(redis, "persistence", "aof_enabled"))
                        .as("the append-only file is on")
                        .isEqualTo("1");
            }

            // when: the same kill -9 and start
            Faults.killNine(cluster.redis());
            Faults.startAgain(cluster.redis());

            // then
            assertThat(Clients.statuses(users))
                    .as("with AOF, Redis replays its log on start: every session is back")
                    .isEqualTo(Map.of(200, (long) USERS));
        }
    }

    @Test
    @Claim("SES-6")
    void everyRequestWithASharedStoreCostsOneRedisRoundTrip() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.REDIS, 3, Balancer.roundRobin()).start();
                Jedis redis = cluster.redis().client()) {
            // given: a logged-in user, served by each instance already (each has its connection to Redis open)
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("alice", "de");
            for (int i = 0; i < 2 * cluster.instanceNames().size(); i++) {
                browser.me();
            }
            long lookupsBefore = RedisCommands.calls(redis, "hgetall");

            // when: it makes 100 requests
            for (int i = 0; i < 100; i++) {
                assertThat(browser.me().loggedIn())
                        .as("the user stays logged in")
                        .isTrue();
            }

            // then: Redis counted one session lookup per request
            SessionLookups lookups = new SessionLookups(100, RedisCommands.calls(redis, "hgetall") - lookupsBefore);
            assertThat(lookups.lookups())
                    .as("each request made one call to Redis, a network round trip the in-memory mode does not pay")
                    .isEqualTo(100);
            assertThat(lookups.check().kind())
                    .as(
                            "the checker the demo prints agrees: %s",
                            lookups.check().line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }
}
