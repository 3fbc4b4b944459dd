package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.checks.PostToAHungInstance;
import interviewlab.statelessvsstateful.checks.RetriedGet;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.observed.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backend that hangs: app-1 is paused (docker pause). Its kernel still accepts nginx's connection and the
 * request, but the process answers nothing. nginx gives up after proxy_read_timeout (2 s here) and decides
 * whether to try app-2, the backup. Afterwards app-1 is unpaused, and reads the request that waited for it. Each test
 * also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class RetryTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ORDER_LINE = Duration.ofSeconds(30);

    @Test
    @Claim("SES-13")
    void nginxRetriesAGetOnAnotherBackendWhenOneHangs() {
        try (SessionCluster cluster =
                new SessionCluster(SessionMode.MEMORY, 2, Balancer.primaryWithBackup(READ_TIMEOUT, false)).start()) {
            // given: the primary hangs
            Browser browser = cluster.browser("10.1.0.7");
            Reply reply;
            try (Fault hang = Faults.pause(cluster.instance("app-1"))) {
                // when: a GET arrives
                reply = browser.health();
            }

            // then
            assertThat(reply.status()).as("the client got an answer: %s", reply).isEqualTo(200);
            assertThat(reply.servedBy())
                    .as("from the backup, after nginx retried the GET")
                    .hasValue("app-2");
            assertThat(reply.took())
                    .as("after waiting out the read timeout on the hung primary")
                    .isGreaterThanOrEqualTo(READ_TIMEOUT);
            Verdict check = new RetriedGet("app-2", READ_TIMEOUT, reply).check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("SES-13")
    void nginxDoesNotReplayAPostAndTheClientCannotTellWhetherItRan() {
        try (SessionCluster cluster =
                new SessionCluster(SessionMode.MEMORY, 2, Balancer.primaryWithBackup(READ_TIMEOUT, false)).start()) {
            // given: the primary hangs
            Browser browser = cluster.browser("10.1.0.7");
            Reply reply;
            try (Fault hang = Faults.pause(cluster.instance("app-1"))) {
                // when: a POST arrives, and later the primary wakes up
                reply = browser.placeOrder("order-1");
            }

            // then
            assertThat(reply.status())
                    .as("nginx does not pass a POST it already sent to another backend: the client gets 504")
                    .isEqualTo(504);
            cluster.output("app-1").await("placed order order-1"::equals, ORDER_LINE);
            // app-2 would have answered the client had nginx passed the POST on; its log is checked last to give it
            // time to arrive
            assertThat(cluster.output("app-2").lines())
                    .as("the backup never saw the POST")
                    .doesNotContain("placed order order-1");
            assertThat(placements(cluster, "app-1"))
                    .as("the hung primary placed the order once, when it woke up")
                    .isEqualTo(1);
            Verdict check = new PostToAHungInstance(
                            false, "app-2", reply, placements(cluster, "app-1"), placements(cluster, "app-2"))
                    .check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("SES-13")
    void withNonIdempotentRetriesNginxRunsThePostTwice() {
        try (SessionCluster cluster =
                new SessionCluster(SessionMode.MEMORY, 2, Balancer.primaryWithBackup(READ_TIMEOUT, true)).start()) {
            // given: the primary hangs, and nginx is told it may replay non-idempotent requests
            Browser browser = cluster.browser("10.1.0.7");
            Reply reply;
            try (Fault hang = Faults.pause(cluster.instance("app-1"))) {
                // when: the same POST, then the primary wakes up
                reply = browser.placeOrder("order-1");
            }

            // then
            assertThat(reply.status())
                    .as("the client sees a success from the backup: %s", reply)
                    .isEqualTo(200);
            assertThat(reply.servedBy()).as("the backup answered").hasValue("app-2");
            cluster.output("app-2").await("placed order order-1"::equals, ORDER_LINE);
            cluster.output("app-1").await("placed order order-1"::equals, ORDER_LINE);
            assertThat(List.of(placements(cluster, "app-1"), placements(cluster, "app-2")))
                    .as("the order was placed twice, once by each instance")
                    .containsExactly(1L, 1L);
            Verdict check = new PostToAHungInstance(
                            true, "app-2", reply, placements(cluster, "app-1"), placements(cluster, "app-2"))
                    .check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    private static long placements(SessionCluster cluster, String instance) {
        return cluster.output(instance).lines().stream()
                .filter("placed order order-1"::equals)
                .count();
    }
}
