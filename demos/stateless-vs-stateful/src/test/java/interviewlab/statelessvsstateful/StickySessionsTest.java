package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.checks.AfterTheKill;
import interviewlab.statelessvsstateful.checks.StickyReplies;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nginx's ip_hash in front of three instances: the client's address picks the instance. Where the demo shows the same
 * claim, the test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class StickySessionsTest {

    @Test
    @Claim("SES-2")
    void ipHashKeepsAClientOnOneInstanceSoInMemorySessionsWork() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.MEMORY, 3, Balancer.ipHash()).start()) {
            // given: a user logged in through the sticky balancer
            Browser browser = cluster.browser("10.1.0.7");
            String loginInstance = browser.login("alice", "de").servedBy().orElseThrow();

            // when: the same 30 requests that round-robin spread over every instance
            List<Reply> replies =
                    IntStream.range(0, 30).mapToObj(i -> browser.me()).toList();

            // then
            assertThat(replies)
                    .as("ip_hash sends every request of one client to the instance that handled its login")
                    .allMatch(reply -> reply.servedBy().orElseThrow().equals(loginInstance));
            assertThat(replies)
                    .as("so its in-memory session is found every time")
                    .allMatch(Reply::loggedIn);
            Verdict check = new StickyReplies(loginInstance, replies).check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("SES-3")
    void killingTheInstanceAClientSticksToLogsItOutOfAnInMemorySession() {
        AfterTheKill killed = loginThenKillTheInstanceItSticksTo(SessionMode.MEMORY);

        assertThat(killed.reply().status())
                .as(
                        "sticky routing moved the client to another instance, which never had its in-memory session: %s",
                        killed.reply())
                .isEqualTo(401);
        assertThat(killed.check().kind())
                .as("the checker the demo prints agrees: %s", killed.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "JWT"})
    @Claim("SES-3")
    void killingTheInstanceAClientSticksToCostsASharedStoreOrTokenSessionNothing(SessionMode mode) {
        AfterTheKill killed = loginThenKillTheInstanceItSticksTo(mode);

        assertThat(killed.reply().status())
                .as("with %s sessions the next instance knows the client as well: %s", mode.label(), killed.reply())
                .isEqualTo(200);
        assertThat(killed.check().kind())
                .as("the checker the demo prints agrees: %s", killed.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("SES-4")
    void ipHashSendsEveryClientOfOneSlash24NetworkToTheSameInstance() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.MEMORY, 3, Balancer.ipHash()).start()) {
            // given / when: 60 clients from 198.51.100.1 to .60, one request each
            Map<String, Long> oneNetwork = servedBy(Clients.fromOneNetwork(cluster, 60));
            // and, as the control, 60 clients from 60 different /24 networks
            Map<String, Long> manyNetworks = servedBy(Clients.fromDistinctNetworks(cluster, 60));

            // then
            System.out.println("ip_hash, 60 clients in one /24: " + oneNetwork + "; in 60 networks: " + manyNetworks);
            assertThat(oneNetwork)
                    .as(
                            "ip_hash keys IPv4 on the first three octets: one /24 is one instance, however many clients it holds")
                    .hasSize(1);
            assertThat(manyNetworks.keySet())
                    .as("clients from different /24 networks are spread over every instance")
                    .containsExactlyInAnyOrderElementsOf(cluster.instanceNames());
        }
    }

    /** A user logs in through ip_hash, the instance that served it is killed with kill -9, the user asks again. */
    private static AfterTheKill loginThenKillTheInstanceItSticksTo(SessionMode mode) {
        try (SessionCluster cluster = new SessionCluster(mode, 3, Balancer.ipHash()).start()) {
            // given: a logged-in user, stuck to one instance
            Browser browser = cluster.browser("10.1.0.7");
            String stuckTo = browser.login("alice", "de").servedBy().orElseThrow();
            assertThat(browser.me().loggedIn()).as("logged in before the fault").isTrue();

            // when: that instance dies
            cluster.kill(stuckTo);
            Reply after = browser.me();

            // then (checked by the caller): another instance answers
            assertThat(after.servedBy())
                    .as("nginx sent the request to a live instance")
                    .isPresent()
                    .get()
                    .isNotEqualTo(stuckTo);
            return new AfterTheKill(mode, stuckTo, after);
        }
    }

    private static Map<String, Long> servedBy(List<Browser> browsers) {
        return browsers.stream()
                .map(browser -> browser.health().servedBy().orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
