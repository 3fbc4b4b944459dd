package interviewlab.statelessvsstateful;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.app.TokenSigning;
import interviewlab.statelessvsstateful.attacker.Forgeries;
import interviewlab.statelessvsstateful.checks.AfterTheKill;
import interviewlab.statelessvsstateful.checks.AlgorithmConfusion;
import interviewlab.statelessvsstateful.checks.LookupTimes;
import interviewlab.statelessvsstateful.checks.ModeVerdicts;
import interviewlab.statelessvsstateful.checks.NewInstanceReplies;
import interviewlab.statelessvsstateful.checks.PostToAHungInstance;
import interviewlab.statelessvsstateful.checks.Replies;
import interviewlab.statelessvsstateful.checks.RetriedGet;
import interviewlab.statelessvsstateful.checks.RollingRestart;
import interviewlab.statelessvsstateful.checks.RoundRobinReplies;
import interviewlab.statelessvsstateful.checks.SessionLookups;
import interviewlab.statelessvsstateful.checks.StickyReplies;
import interviewlab.statelessvsstateful.checks.TokenAfterLogout;
import interviewlab.statelessvsstateful.checks.TokenPayload;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.RedisCommands;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.FaultLog;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.LabImages;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jwt.consumer.JwtConsumer;
import redis.clients.jedis.Jedis;

/**
 * Why stateless? The same story for each session mode, three instances behind nginx: log in, round-robin, then
 * ip_hash, the instance the user sticks to killed, a new instance added, a rolling restart, logout and a copied
 * cookie. Then the algorithm-confusion attack on an RS256 service, and what nginx does with a hung instance. Every
 * verdict is the checker's, over what the run observed: the same checkers the tests assert on.
 */
public final class Demo {
    private static final int ROUND = 6;
    /** alice and five others, each from its own /24, so that ip_hash spreads them. */
    private static final List<String> USER_ADDRESSES =
            IntStream.rangeClosed(1, 6).mapToObj(i -> "10." + i + ".0.7").toList();
    /**
     * Requests before measuring, eight at a time: the instance's JIT compiles the lookup path first. The quick run
     * warms up less and measures fewer; its lookup verdicts can then only say "not shown", never contradict, and the
     * count of Redis lookups per request is exact whatever the number.
     */
    private static final int WARM_UP_REQUESTS = DemoRun.quick() ? 500 : 20_000;

    private static final int MEASURED_REQUESTS = DemoRun.quick() ? 300 : 1_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ORDER_LINE = Duration.ofSeconds(30);

    private final DemoRun run;
    private final Narrator narrator;
    /** Each mode's verdict on each claim the story shows, in the order they came: one combined verdict per claim. */
    private final Map<String, List<Verdict>> storyVerdicts = new LinkedHashMap<>();

    private final Map<SessionMode, LookupTimes> lookupTimes = new EnumMap<>(SessionMode.class);
    private final Observation outcomes = Observation.named(
            "session-outcomes",
            "The same story in each mode: three instances behind nginx; round-robin, then ip_hash with the user's instance killed, "
                    + "a new instance added, a rolling restart; logout",
            "mode",
            "round-robin",
            "its instance killed",
            "a new instance",
            "rolling restart",
            "copied cookie after logout",
            "the cookie, read without a key");
    private final Observation lookupCost = Observation.named(
            "session-lookup-cost",
            String.format(
                    Locale.ROOT,
                    "Finding the session per /me request, as the instance reports it (Server-Timing): %,d requests after %,d to warm up",
                    MEASURED_REQUESTS,
                    WARM_UP_REQUESTS),
            "mode",
            "requests",
            "p1",
            "p50",
            "p99",
            "max",
            "Redis session lookups (HGETALL)");

    private Demo(DemoRun run) {
        this.run = run;
        this.narrator = run.narrator();
    }

    public static void main(String[] args) {
        DemoRun.main(
                "stateless-vs-stateful",
                Demo.class,
                List.of(
                        "nginx " + LabImages.NGINX.version(),
                        "Redis " + LabImages.REDIS.version(),
                        "OpenJDK " + LabImages.JRE.version(),
                        "Jedis " + versionOf(Jedis.class),
                        "Nimbus JOSE+JWT " + versionOf(JWSObject.class),
                        "jose4j " + versionOf(JwtConsumer.class),
                        "Bouncy Castle " + versionOf(BouncyCastleProvider.class)),
                run -> new Demo(run).run());
    }

    private void run() throws Exception {
        Instant storiesStarted = Instant.now();
        for (SessionMode mode : SessionMode.values()) {
            tellTheStory(mode);
        }
        storyVerdicts.forEach((claim, perMode) -> outcomes.verdict(ModeVerdicts.combined(claim, perMode)));
        run.record(outcomes.faults(FaultLog.since(storiesStarted)));

        LookupTimes memory = lookupTimes.get(SessionMode.MEMORY);
        run.record(lookupCost
                .verdict(LookupTimes.roundTripCost(memory, lookupTimes.get(SessionMode.REDIS)))
                .verdict(LookupTimes.tokenCheckCost(memory, lookupTimes.get(SessionMode.JWT))));

        algorithmConfusion();
        hungInstance();
    }

    private void tellTheStory(SessionMode mode) throws Exception {
        narrator.scenario(String.format(
                "%s sessions: three instances behind nginx %s, round-robin", mode.label(), LabImages.NGINX.version()));
        try (SessionCluster cluster = new SessionCluster(mode, 3, Balancer.roundRobin()).start()) {
            Browser alice = cluster.browser(USER_ADDRESSES.get(0));
            String loginInstance = logIn(alice, "alice");
            RoundRobinReplies roundRobin =
                    new RoundRobinReplies(mode, loginInstance, cluster.instanceNames(), ask(alice, ROUND));
            judge(roundRobin.check());

            narrator.say("nginx", "reloaded with ip_hash: each client sticks to one instance");
            cluster.route(Balancer.ipHash());
            String stuckTo = logIn(alice, "alice");
            StickyReplies sticky = new StickyReplies(stuckTo, ask(alice, ROUND));
            if (mode == SessionMode.MEMORY) {
                judge(sticky.check()); // SES-2 is about in-memory sessions; with the others stickiness changes nothing
            }
            measureLookups(cluster, mode, alice);

            cluster.kill(stuckTo);
            narrator.say(stuckTo, "killed with kill -9");
            AfterTheKill afterTheKill =
                    new AfterTheKill(mode, stuckTo, ask(alice, 1).get(0));
            judge(afterTheKill.check());

            List<Browser> users = USER_ADDRESSES.stream().map(cluster::browser).toList();
            logInEveryone(users);
            String added = cluster.addInstance();
            narrator.say(
                    added,
                    "started to replace %s; nginx reloaded, ip_hash now over %s",
                    stuckTo,
                    cluster.instanceNames());
            List<Reply> fromAdded = users.stream()
                    .map(Browser::me)
                    .filter(reply -> reply.servedBy().filter(added::equals).isPresent())
                    .toList();
            narrator.say(
                    "users",
                    "ask again; %s answered %d of them: %s",
                    added,
                    fromAdded.size(),
                    Replies.summary(fromAdded));
            NewInstanceReplies newInstance = new NewInstanceReplies(mode, added, fromAdded);
            judge(newInstance.check());

            logInEveryone(users);
            RollingRestart restart = RollingRestart.run(cluster, users, narrator);
            judge(restart.check());

            String copy = alice.cookie().orElseThrow();
            TokenPayload payload = TokenPayload.readWithoutKey(copy);
            narrator.say(
                    "anyone",
                    "reads alice's cookie without a key: %s",
                    payload.json().orElse("an opaque id, nothing to decode"));
            narrator.say("alice", "logs out: %s; her browser drops the cookie", alice.logout());
            // The copy, sent from every user's address: ip_hash spreads them over the instances.
            List<Reply> replays = USER_ADDRESSES.stream()
                    .map(address -> cluster.browser(address).withCookie(copy).me())
                    .toList();
            narrator.say(
                    "copy",
                    "the copied cookie asks again from %d addresses: %s",
                    replays.size(),
                    Replies.summary(replays));
            if (mode == SessionMode.JWT) {
                judge(new TokenAfterLogout(replays).check());
                judge(payload.check("alice", "de"));
            }

            outcomes.row(
                    mode.label(),
                    Replies.loggedIn(roundRobin.replies()) + "/" + ROUND + " logged in",
                    afterTheKill.reply(),
                    fromAdded.isEmpty()
                            ? "no user moved to it"
                            : Replies.loggedIn(fromAdded) + "/" + fromAdded.size() + " it took logged in",
                    restart.loggedInAtTheEnd() + "/" + users.size() + " logged in at the end",
                    "accepted " + Replies.loggedIn(replays) + "/" + replays.size(),
                    payload.json().orElse("an opaque id"));
        }
    }

    /** Prints a mode's verdict as its part of the story ends; the table's verdict combines the modes'. */
    private void judge(Verdict verdict) {
        narrator.verdict(verdict);
        storyVerdicts
                .computeIfAbsent(verdict.claim(), claim -> new ArrayList<>())
                .add(verdict);
    }

    private String logIn(Browser browser, String user) {
        Reply login = browser.login(user, "de");
        narrator.say(user, "logs in: %s", login);
        return login.servedBy()
                .orElseThrow(() -> new IllegalStateException("the login was not served by an instance: " + login));
    }

    private void logInEveryone(List<Browser> users) {
        List<Reply> logins = IntStream.range(0, users.size())
                .mapToObj(i -> users.get(i).login(i == 0 ? "alice" : "user-" + (i + 1), "de"))
                .toList();
        narrator.say("users", "alice and %d others log in: %s", users.size() - 1, Replies.summary(logins));
    }

    private List<Reply> ask(Browser browser, int times) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Reply reply = browser.me();
            narrator.say("GET /me", "%s: %s", reply, reply.body().strip());
            replies.add(reply);
        }
        return replies;
    }

    /**
     * The time the instance reports (Server-Timing) for finding the session, over many requests once it is warm;
     * with Redis, also the lookups Redis counted for them (SES-6).
     */
    private void measureLookups(SessionCluster cluster, SessionMode mode, Browser browser) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            clients.invokeAll(Collections.nCopies(WARM_UP_REQUESTS, browser::me));
        } finally {
            clients.shutdown();
        }
        Histogram micros = new Histogram(3_600_000_000L, 3);
        long callsBefore = mode == SessionMode.REDIS ? hgetallCalls(cluster) : 0;
        for (int i = 0; i < MEASURED_REQUESTS; i++) {
            browser.me().lookupMillis().ifPresent(millis -> micros.recordValue(Math.round(millis * 1000)));
        }
        LookupTimes times = LookupTimes.of(mode, micros);
        lookupTimes.put(mode, times);
        narrator.say(
                "measured",
                "%d lookups after %d to warm up: p1 %d µs, p50 %d µs, p99 %d µs",
                times.count(),
                WARM_UP_REQUESTS,
                times.p1(),
                times.p50(),
                times.p99());
        String redisCalls = "none: no Redis";
        if (mode == SessionMode.REDIS) {
            SessionLookups lookups = new SessionLookups(MEASURED_REQUESTS, hgetallCalls(cluster) - callsBefore);
            redisCalls = lookups.lookups() + " for " + lookups.requests() + " requests";
            Verdict counted = lookups.check();
            narrator.verdict(counted);
            lookupCost.verdict(counted);
        }
        lookupCost.row(
                mode.label(),
                times.count(),
                times.p1() + " µs",
                times.p50() + " µs",
                times.p99() + " µs",
                times.max() + " µs",
                redisCalls);
    }

    private static long hgetallCalls(SessionCluster cluster) {
        try (Jedis redis = cluster.redis().client()) {
            return RedisCommands.calls(redis, "hgetall");
        }
    }

    /**
     * SES-11: an RS256 service whose public key anyone can fetch, attacked with an HS256 token signed with that key,
     * once with instances that let the token's header choose the algorithm, once with instances pinned to RS256.
     */
    private void algorithmConfusion() throws Exception {
        Observation table = Observation.named(
                "algorithm-confusion",
                "Algorithm confusion: mallory, a user of an RS256 service, signs an HS256 token for alice with the service's public key",
                "verifier",
                "mallory's own RS256 token",
                "HS256 for alice, signed with the public key",
                "HS256 for alice, another secret");
        Map<TokenSigning, String> verifiers = new LinkedHashMap<>();
        verifiers.put(
                TokenSigning.RS256_ALG_FROM_HEADER,
                "jose4j " + versionOf(JwtConsumer.class) + ", the algorithm from the token's header");
        verifiers.put(TokenSigning.RS256, "Nimbus JOSE+JWT " + versionOf(JWSObject.class) + ", pinned to RS256");
        for (Map.Entry<TokenSigning, String> verifier : verifiers.entrySet()) {
            narrator.scenario("Algorithm confusion against two instances checking tokens with " + verifier.getValue());
            try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                    .withTokens(verifier.getKey())
                    .start()) {
                Browser mallory = cluster.browser(USER_ADDRESSES.get(0));
                logIn(mallory, "mallory");
                List<Reply> ownToken = cluster.askEveryInstance(mallory);
                narrator.say(
                        "mallory",
                        "her own token, signed %s by the service: %s",
                        JWSObject.parse(mallory.cookie().orElseThrow())
                                .getHeader()
                                .getAlgorithm(),
                        Replies.summary(ownToken));
                String forged = Forgeries.withThePublishedKey(mallory, Forgeries.claimsFor("alice", "de"));
                narrator.say(
                        "mallory",
                        "fetched GET /public-key and signed an HS256 token for alice with the key's bytes as the secret");
                List<Reply> forgedReplies = cluster.askEveryInstance(mallory.withCookie(forged));
                narrator.say(
                        "forged",
                        "%s: %s",
                        Replies.summary(forgedReplies),
                        forgedReplies.get(0).body().strip());
                String otherSecret = Forgeries.hmacSigned(
                        Forgeries.claimsFor("alice", "de"),
                        JWSAlgorithm.HS256,
                        "a secret that is not the service's public key");
                List<Reply> otherSecretReplies = cluster.askEveryInstance(mallory.withCookie(otherSecret));
                narrator.say("control", "HS256 for alice with another secret: %s", Replies.summary(otherSecretReplies));

                AlgorithmConfusion attack = new AlgorithmConfusion(
                        verifier.getKey(),
                        "alice",
                        cluster.instanceNames(),
                        ownToken,
                        forgedReplies,
                        otherSecretReplies);
                Verdict verdict = attack.check();
                run.verdict(verdict);
                table.row(
                                verifier.getValue(),
                                accepted(ownToken),
                                attack.takenForTheVictim()
                                        ? accepted(forgedReplies) + " as alice"
                                        : accepted(forgedReplies),
                                accepted(otherSecretReplies))
                        .verdict(verdict);
            }
        }
        run.record(table);
    }

    private static String accepted(List<Reply> replies) {
        return "accepted " + Replies.loggedIn(replies) + "/" + replies.size();
    }

    /** SES-13: app-1 hangs (docker pause); app-2 is the backup nginx may retry on. */
    private void hungInstance() {
        Instant started = Instant.now();
        Observation table = Observation.named(
                "hung-instance",
                String.format(
                        "A hung instance: app-1 paused, nginx gives up on it after %d s (proxy_read_timeout), app-2 the backup",
                        READ_TIMEOUT.toSeconds()),
                "proxy_next_upstream",
                "GET /health",
                "POST /orders",
                "orders app-1 placed, once awake",
                "orders app-2 placed");
        for (boolean replayNonIdempotent : List.of(false, true)) {
            String rule = replayNonIdempotent ? "error timeout non_idempotent" : "error timeout (default)";
            narrator.scenario("A hung instance, nginx with proxy_next_upstream " + rule);
            try (SessionCluster cluster = new SessionCluster(
                            SessionMode.MEMORY, 2, Balancer.primaryWithBackup(READ_TIMEOUT, replayNonIdempotent))
                    .start()) {
                Browser browser = cluster.browser(USER_ADDRESSES.get(0));
                String order = replayNonIdempotent ? "order-2" : "order-1";
                RetriedGet get = null;
                Reply post;
                try (Fault hang = Faults.pause(cluster.instance("app-1"))) {
                    narrator.say("app-1", "paused: it accepts connections and answers nothing");
                    if (!replayNonIdempotent) {
                        get = new RetriedGet("app-2", READ_TIMEOUT, browser.health());
                        narrator.say(
                                "GET",
                                "%s after %d ms",
                                get.reply(),
                                get.reply().took().toMillis());
                    }
                    post = browser.placeOrder(order);
                    narrator.say("POST", "%s after %d ms", post, post.took().toMillis());
                }
                narrator.say("app-1", "unpaused");
                cluster.output("app-1").await(("placed order " + order)::equals, ORDER_LINE);
                narrator.say("app-1", "placed %s: the request had waited in its socket", order);
                if (replayNonIdempotent) {
                    cluster.output("app-2").await(("placed order " + order)::equals, ORDER_LINE);
                }
                // app-2's log is read last, after app-1's line came: time for a POST passed on to arrive there too
                PostToAHungInstance placed = new PostToAHungInstance(
                        replayNonIdempotent,
                        "app-2",
                        post,
                        placements(cluster, "app-1", order),
                        placements(cluster, "app-2", order));
                if (get != null) {
                    Verdict retried = get.check();
                    run.verdict(retried);
                    table.verdict(retried);
                }
                Verdict verdict = placed.check();
                run.verdict(verdict);
                table.row(
                                rule,
                                get == null
                                        ? "not sent"
                                        : get.reply() + " after "
                                                + get.reply().took().toMillis() + " ms",
                                post + " after " + post.took().toMillis() + " ms",
                                placed.placedByPrimary(),
                                placed.placedByBackup())
                        .verdict(verdict);
            }
        }
        run.record(table.faults(FaultLog.since(started)));
    }

    private static long placements(SessionCluster cluster, String instance, String order) {
        return cluster.output(instance).lines().stream()
                .filter(("placed order " + order)::equals)
                .count();
    }

    /** A library's version: the name of the Maven repository folder its jar is in (…/jose4j/0.4.3/jose4j-0.4.3.jar). */
    private static String versionOf(Class<?> library) {
        try {
            Path jar = Path.of(
                    library.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getFileName().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + library.getName() + " was loaded from", e);
        }
    }
}
