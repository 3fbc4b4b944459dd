package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.checks.NewInstanceReplies;
import interviewlab.statelessvsstateful.checks.RollingRestart;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Changing the instances under logged-in users. Routing is ip_hash throughout: sticky sessions are the best
 * in-memory sessions can do, so the in-memory runs show what even the best case loses. Each test also checks that the
 * demo's checker, which prints the verdict a reader sees, agrees.
 */
class ScalingTest {
    private static final int USERS = 12;

    @Test
    @Claim("SES-7")
    void anInstanceAddedUnderTrafficLogsOutTheInMemoryUsersItTakesOver() throws Exception {
        NewInstanceReplies added = addAnInstanceWhileUsersAreActive(SessionMode.MEMORY);

        assertThat(added.fromAdded())
                .extracting(Reply::status)
                .as(
                        "the new instance has none of the in-memory sessions: every user ip_hash moves to it is logged out (401)")
                .containsOnly(401);
        assertThat(added.check().kind())
                .as("the checker the demo prints agrees: %s", added.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "JWT"})
    @Claim("SES-7")
    void anInstanceAddedUnderTrafficServesSharedStoreAndTokenUsersAtOnce(SessionMode mode) throws Exception {
        NewInstanceReplies added = addAnInstanceWhileUsersAreActive(mode);

        assertThat(added.fromAdded())
                .extracting(Reply::status)
                .as("with %s sessions the new instance knows every user from its first request", mode.label())
                .containsOnly(200);
        assertThat(added.check().kind())
                .as("the checker the demo prints agrees: %s", added.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("SES-8")
    void aRollingRestartLogsEveryInMemoryUserOut() {
        RollingRestart restart = restartEveryInstanceInTurn(SessionMode.MEMORY);

        for (int step = 0; step < restart.order().size(); step++) {
            List<String> restartedSoFar = restart.order().subList(0, step + 1);
            List<Integer> expected = restart.stuckTo().stream()
                    .map(instance -> restartedSoFar.contains(instance) ? 401 : 200)
                    .toList();
            assertThat(restart.statusesAfterStep().get(step))
                    .as(
                            "after restarting %s, exactly the users stuck to a restarted instance are logged out",
                            restartedSoFar)
                    .isEqualTo(expected);
        }
        assertThat(restart.statusesAfterStep().get(restart.order().size() - 1))
                .as("in the end, every in-memory session is gone")
                .containsOnly(401);
        assertThat(restart.check().kind())
                .as("the checker the demo prints agrees: %s", restart.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "JWT"})
    @Claim("SES-8")
    void aRollingRestartLogsNoSharedStoreOrTokenUserOut(SessionMode mode) {
        RollingRestart restart = restartEveryInstanceInTurn(mode);

        assertThat(restart.statusesAfterStep())
                .as("with %s sessions every user stays logged in through every restart", mode.label())
                .allSatisfy(statuses -> assertThat(statuses).containsOnly(200));
        assertThat(restart.check().kind())
                .as("the checker the demo prints agrees: %s", restart.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    /**
     * Workload: 12 users on two instances, asking "who am I?" over and over. Change: a third instance is started
     * and nginx reloaded to include it. Check: what the users got from the new instance, once it served 20 requests.
     */
    private static NewInstanceReplies addAnInstanceWhileUsersAreActive(SessionMode mode) throws Exception {
        try (SessionCluster cluster = new SessionCluster(mode, 2, Balancer.ipHash()).start()) {
            // given: logged-in users, active
            List<Browser> users = Clients.loggedIn(cluster, USERS);
            List<Reply> replies = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    users.forEach(user -> replies.add(user.me()));
                }
            });

            // when: a new instance joins while they are
            String added = cluster.addInstance();
            Awaitility.await(added + " has served 20 requests")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> fromInstance(replies, added).size() >= 20);
            running.set(false);
            traffic.get(30, TimeUnit.SECONDS);

            // then (checked by the caller)
            System.out.printf(
                    "%s: %d requests, %d served by %s, %d of them logged in%n",
                    mode.label(),
                    replies.size(),
                    fromInstance(replies, added).size(),
                    added,
                    fromInstance(replies, added).stream()
                            .filter(Reply::loggedIn)
                            .count());
            return new NewInstanceReplies(mode, added, fromInstance(replies, added));
        }
    }

    /** Workload: 12 users logged in on three instances. Change: each instance restarted gracefully in turn. Check: every user after each step. */
    private static RollingRestart restartEveryInstanceInTurn(SessionMode mode) {
        try (SessionCluster cluster = new SessionCluster(mode, 3, Balancer.ipHash()).start()) {
            // given: logged-in users, each stuck to an instance
            List<Browser> users = Clients.loggedIn(cluster, USERS);

            // when: a rolling restart, asking every user after each step
            RollingRestart restart = RollingRestart.run(cluster, users, new Narrator());

            // then (checked by the caller)
            return restart;
        }
    }

    private static List<Reply> fromInstance(List<Reply> replies, String instance) {
        synchronized (replies) {
            return replies.stream()
                    .filter(reply -> reply.servedBy().filter(instance::equals).isPresent())
                    .toList();
        }
    }
}
