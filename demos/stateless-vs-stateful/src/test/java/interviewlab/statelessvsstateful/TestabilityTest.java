package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.statelessvsstateful.app.MemorySessions;
import interviewlab.statelessvsstateful.app.RedisSessions;
import interviewlab.statelessvsstateful.app.SessionApi;
import interviewlab.statelessvsstateful.app.SessionApi.Request;
import interviewlab.statelessvsstateful.app.SessionApi.Response;
import interviewlab.statelessvsstateful.app.TokenSessions;
import interviewlab.statelessvsstateful.app.User;
import interviewlab.support.claims.Claim;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The handler's own tests, with no server, no container and no network: what each mode needs before "who am I?"
 * can be answered.
 */
class TestabilityTest {
    private static final byte[] KEY = "a test key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    private static final User ALICE = new User("alice", "de");

    @Test
    @Claim("SES-12")
    void aStatelessHandlerIsTestedWithNothingButARequest() {
        // snippet:stateless-handler-test
        // given: a token, made by anyone who holds the key
        String token = new TokenSessions(KEY).login(ALICE);

        // when: a handler that has never seen a request before gets it
        Response response = new SessionApi("unit", new TokenSessions(KEY)).handle(whoAmI(token));

        // then
        assertThat(response.status())
                .as("the request carries everything the stateless handler needs")
                .isEqualTo(200);
        // end-snippet
        assertThat(response.body()).startsWith("alice (de)");
    }

    @Test
    @Claim("SES-12")
    void aStatefulHandlerAnswersOnlyAfterItsStoreWasSetUp() {
        // given: a session id from a login the handler's store never saw
        MemorySessions store = new MemorySessions();
        String elsewhere = new MemorySessions().login(ALICE);

        // when / then
        assertThat(new SessionApi("unit", store).handle(whoAmI(elsewhere)).status())
                .as("the same kind of request fails: the answer depends on what happened before, in this store")
                .isEqualTo(401);
        String here = store.login(ALICE);
        assertThat(new SessionApi("unit", store).handle(whoAmI(here)).status())
                .as("it passes only once the test has put the state in place first")
                .isEqualTo(200);
    }

    @Test
    @Claim("SES-12")
    void aHandlerWithASharedStoreCannotRunWithoutTheStoresServer() throws Exception {
        // given: the Redis-backed handler, pointed at a port where nothing listens
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RedisClient noRedis = RedisClient.create("localhost", closedPort)) {
            SessionApi api = new SessionApi("unit", new RedisSessions(noRedis));

            // when / then
            assertThatThrownBy(() -> api.handle(whoAmI("any-session-id")))
                    .as("a shared store makes every unit test of the handler an integration test: it needs a Redis")
                    .isInstanceOf(JedisConnectionException.class);
        }
    }

    private static Request whoAmI(String cookie) {
        return new Request("GET", "/me", Optional.of(cookie), Map.of());
    }
}
