package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.checks.RoundRobinReplies;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nginx's default, round-robin, behind three instances: one user logs in, then asks "who am I?" 30 times. Each
 * request goes to the next instance in turn, so about one in three reaches the instance that handled the login.
 * Each test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class RoundRobinTest {
    private static final int REQUESTS = 30;

    @Test
    @Claim("SES-1")
    void roundRobinLogsAnInMemorySessionOutOnEveryOtherInstance() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.MEMORY, 3, Balancer.roundRobin()).start()) {
            // given: a user logged in on one instance, which keeps the session in its memory
            Browser browser = cluster.browser("10.1.0.7");
            String loginInstance = browser.login("alice", "de").servedBy().orElseThrow();

            // when: the following requests go round the instances
            List<Reply> replies = ask(browser);

            // then: only the instance that holds the session knows the user
            List<String> servedBy = replies.stream()
                    .map(reply -> reply.servedBy().orElseThrow())
                    .toList();
            assertThat(servedBy).as("every instance took a turn").containsAll(cluster.instanceNames());
            assertThat(replies)
                    .extracting(Reply::status)
                    .as(
                            "with in-memory sessions, only the instance that handled the login (%s) knows the user; the others answer 401; served by %s",
                            loginInstance, servedBy)
                    .isEqualTo(servedBy.stream()
                            .map(instance -> instance.equals(loginInstance) ? 200 : 401)
                            .toList());
            assertThat(replies)
                    .filteredOn(Reply::loggedIn)
                    .as("and the one that does knows her by name")
                    .allMatch(reply -> reply.body().startsWith("alice (de)"));
            Verdict check =
                    new RoundRobinReplies(SessionMode.MEMORY, loginInstance, cluster.instanceNames(), replies).check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "JWT"})
    @Claim("SES-1")
    void roundRobinKeepsASharedStoreOrTokenSessionLoggedInEverywhere(SessionMode mode) {
        try (SessionCluster cluster = new SessionCluster(mode, 3, Balancer.roundRobin()).start()) {
            // given: a user logged in on one instance
            Browser browser = cluster.browser("10.1.0.7");
            String loginInstance = browser.login("alice", "de").servedBy().orElseThrow();

            // when: the same round of requests
            List<Reply> replies = ask(browser);

            // then
            Set<String> servers = replies.stream()
                    .map(reply -> reply.servedBy().orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(servers)
                    .as("every instance took a turn")
                    .containsExactlyInAnyOrderElementsOf(cluster.instanceNames());
            assertThat(replies)
                    .as(
                            "with %s sessions all %d requests are logged in, as the user who logged in",
                            mode.label(), REQUESTS)
                    .hasSize(REQUESTS)
                    .allSatisfy(reply -> {
                        assertThat(reply.status()).isEqualTo(200);
                        assertThat(reply.body()).startsWith("alice (de)");
                    });
            Verdict check = new RoundRobinReplies(mode, loginInstance, cluster.instanceNames(), replies).check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    private static List<Reply> ask(Browser browser) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            replies.add(browser.me());
        }
        return replies;
    }
}
