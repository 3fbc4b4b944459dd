package interviewlab.statelessvsstateful;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.LabImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Why stateless? The same story for each session mode, three instances behind nginx: log in, round-robin, the
 * instance the user sticks to killed, a rolling restart, logout. Then what nginx does with a hung instance.
 */
public final class Demo {
    private static final int ROUND = 6;
    private static final int OTHER_USERS = 5;
    /** Requests before measuring, eight at a time: the instance's JIT compiles the lookup path first. */
    private static final int WARM_UP_REQUESTS = 20_000;
    private static final int MEASURED_REQUESTS = 1_000;

    private final Narrator narrator = new Narrator();
    private final List<List<String>> outcomes = new ArrayList<>();
    private final List<List<String>> costs = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        new Demo().run();
    }

    private void run() throws InterruptedException {
        outcomes.add(List.of("mode", "round-robin", "its instance killed", "rolling restart", "copied cookie after logout"));
        costs.add(List.of("mode", "finding the session, p50", "p99", "max"));
        for (SessionMode mode : SessionMode.values()) {
            tellTheStory(mode);
        }
        narrator.scenario("Side by side");
        narrator.table(outcomes);
        narrator.table(costs);
        narrator.verdict("only in-memory sessions lose users to routing, failures and restarts; the shared store pays a round trip per request; the token cannot be logged out");
        hungInstance(false);
        hungInstance(true);
    }

    private void tellTheStory(SessionMode mode) throws InterruptedException {
        narrator.scenario(String.format("%s sessions: three instances behind nginx %s, round-robin", mode.label(), LabImages.NGINX.version()));
        try (SessionCluster cluster = new SessionCluster(mode, 3, Balancer.roundRobin()).start()) {
            Browser alice = cluster.browser("10.1.0.7");
            narrator.say("alice", "logs in: %s", alice.login("alice", "de"));
            long roundRobin = IntStream.range(0, ROUND).mapToObj(i -> ask(alice)).filter(Reply::loggedIn).count();
            narrator.verdict("%d of %d requests logged in under round-robin", roundRobin, ROUND);

            narrator.say("nginx", "reloaded with ip_hash: each client sticks to one instance");
            cluster.route(Balancer.ipHash());
            Reply login = alice.login("alice", "de");
            String stuckTo = login.servedBy().orElseThrow();
            narrator.say("alice", "logs in again: %s", login);
            IntStream.range(0, 3).forEach(i -> ask(alice));
            measureLookups(mode, alice);

            cluster.kill(stuckTo);
            narrator.say(stuckTo, "killed with kill -9");
            Reply afterKill = ask(alice);

            List<String> alive = cluster.instanceNames();
            List<Browser> users = new ArrayList<>(List.of(alice));
            for (int i = 2; i <= OTHER_USERS + 1; i++) {
                Browser user = cluster.browser("10." + i + ".0.7");
                user.login("user-" + i, "en");
                users.add(user);
            }
            alice.login("alice", "de");
            narrator.say("users", "alice and %d others logged in; rolling restart of %s", OTHER_USERS, alive);
            for (String instance : alive) {
                cluster.restartGracefully(instance);
                narrator.say(instance, "restarted gracefully");
            }
            long afterRestart = users.stream().map(Browser::me).filter(Reply::loggedIn).count();
            narrator.verdict("%d of %d users still logged in after the rolling restart", afterRestart, users.size());

            String copy = alice.cookie().orElseThrow();
            narrator.say("alice", "logs out: %s; her browser drops the cookie", alice.logout());
            Reply replay = alice.withCookie(copy).me();
            narrator.say("copy", "the copied cookie asks again: %s", replay);

            outcomes.add(List.of(mode.label(), roundRobin + "/" + ROUND + " logged in", afterKill.loggedIn() ? "still logged in" : "logged out",
                    afterRestart + "/" + users.size() + " logged in", replay.loggedIn() ? "still works" : "refused"));
        }
    }

    private Reply ask(Browser browser) {
        Reply reply = browser.me();
        narrator.say("GET /me", "%s: %s", reply, reply.body().strip());
        return reply;
    }

    /** The time the instance reports (Server-Timing) for finding the session, over many requests once it is warm. */
    private void measureLookups(SessionMode mode, Browser browser) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            clients.invokeAll(Collections.nCopies(WARM_UP_REQUESTS, browser::me));
        } finally {
            clients.shutdown();
        }
        Histogram micros = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < MEASURED_REQUESTS; i++) {
            browser.me().lookupMillis().ifPresent(millis -> micros.recordValue(Math.round(millis * 1000)));
        }
        narrator.say("measured", "%d lookups after %d to warm up: p50 %d µs, p99 %d µs", micros.getTotalCount(), WARM_UP_REQUESTS,
                micros.getValueAtPercentile(50), micros.getValueAtPercentile(99));
        costs.add(List.of(mode.label(), micros.getValueAtPercentile(50) + " µs", micros.getValueAtPercentile(99) + " µs", micros.getMaxValue() + " µs"));
    }

    /** app-1 hangs (docker pause); app-2 is the backup nginx may retry on. */
    private void hungInstance(boolean replayNonIdempotent) {
        Duration readTimeout = Duration.ofSeconds(2);
        narrator.scenario(String.format("A hung instance: nginx gives up after %d s%s", readTimeout.toSeconds(),
                replayNonIdempotent ? ", allowed to replay non-idempotent requests" : ", with its default retry rules"));
        try (SessionCluster cluster = new SessionCluster(SessionMode.MEMORY, 2, Balancer.primaryWithBackup(readTimeout, replayNonIdempotent)).start()) {
            Browser browser = cluster.browser("10.1.0.7");
            String order = replayNonIdempotent ? "order-2" : "order-1";
            Reply get;
            Reply post;
            try (Fault hang = Faults.pause(cluster.instance("app-1"))) {
                narrator.say("app-1", "paused: it accepts connections and answers nothing");
                get = browser.health();
                narrator.say("GET", "%s after %d ms", get, get.took().toMillis());
                post = browser.placeOrder(order);
                narrator.say("POST", "%s after %d ms", post, post.took().toMillis());
            }
            narrator.say("app-1", "unpaused");
            cluster.output("app-1").await(("placed order " + order)::equals, Duration.ofSeconds(30));
            narrator.say("app-1", "placed %s: the request had waited in its socket", order);
            if (replayNonIdempotent) {
                cluster.output("app-2").await(("placed order " + order)::equals, Duration.ofSeconds(30));
            }
            long placements = Stream.of("app-1", "app-2").flatMap(name -> cluster.output(name).lines().stream())
                    .filter(("placed order " + order)::equals).count();
            narrator.verdict("the GET %s; the POST got %d and the order was placed %s", get.status() == 200 ? "was retried on the backup" : "failed",
                    post.status(), placements == 1 ? "once, though the client cannot know it" : placements + " times");
        }
    }
}
