package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.app.TokenSigning;
import interviewlab.statelessvsstateful.attacker.Forgeries;
import interviewlab.statelessvsstateful.checks.AlgorithmConfusion;
import interviewlab.statelessvsstateful.checks.TokenAfterLogout;
import interviewlab.statelessvsstateful.checks.TokenPayload;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.RedisCommands;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.observed.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Signed tokens (JWT) as the session: what logout, reading and forging them do. Where the demo shows the same claim,
 * the test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class TokensTest {

    @Test
    @Claim("SES-9")
    void logoutDoesNotRevokeAToken() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin()).start()) {
            // given: a logged-in user, and a copy of its token (a stolen cookie, a second tab, a log line)
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("alice", "de");
            String copy = browser.cookie().orElseThrow();

            // when: the user logs out
            browser.logout();

            // then
            assertThat(browser.cookie())
                    .as("logout cleared the browser's cookie")
                    .isEmpty();
            assertThat(browser.me().status())
                    .as("so this browser is logged out")
                    .isEqualTo(401);
            List<Reply> replays = replayOnEveryInstance(cluster, browser.withCookie(copy));
            assertThat(replays)
                    .as("but the token itself is still valid on every instance: nothing remembers the logout")
                    .allMatch(Reply::loggedIn);
            Verdict check = new TokenAfterLogout(replays).check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
            JWTClaimsSet claims = SignedJWT.parse(copy).getJWTClaimsSet();
            assertThat(Duration.between(
                            claims.getIssueTime().toInstant(),
                            claims.getExpirationTime().toInstant()))
                    .as("it is valid until its exp, 15 minutes after it was issued")
                    .isEqualTo(Duration.ofMinutes(15));
            // Five minutes past: beyond the minute of clock skew Nimbus allows by default.
            String expired = Forgeries.hmacSigned(
                    new JWTClaimsSet.Builder(claims)
                            .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))
                            .build(),
                    JWSAlgorithm.HS256,
                    SessionCluster.TOKEN_KEY);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(expired)))
                    .as(
                            "and only until then: the same token with its exp passed, signed with the instances' key, is refused")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    @Test
    @Claim("SES-9")
    void aDenylistRevokesTheTokenAndMakesRedisSharedStateAgain() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                        .withDenylist()
                        .start();
                Jedis redis = cluster.redis().client()) {
            // given: the same login and copy, with logouts written to a denylist in Redis
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("alice", "de");
            String copy = browser.cookie().orElseThrow();
            Browser another = cluster.browser("10.2.0.7");
            another.login("bob", "en");

            // when: alice logs out
            browser.logout();

            // then: the copy is refused
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(copy)))
                    .as("the denylist revokes the token at once, on every instance")
                    .allMatch(reply -> reply.status() == 401);

            // and every request now asks Redis, like a session store
            long checksBefore = RedisCommands.calls(redis, "exists");
            for (int i = 0; i < 50; i++) {
                assertThat(another.me().loggedIn())
                        .as("bob, who did not log out, stays logged in")
                        .isTrue();
            }
            assertThat(RedisCommands.calls(redis, "exists") - checksBefore)
                    .as("with a denylist each request makes one Redis call: the shared state is back")
                    .isEqualTo(50);

            // and without Redis nobody gets in
            try (Fault hung = Faults.pause(cluster.redis())) {
                assertThat(another.me().status())
                        .as("a token that is still valid is refused when the denylist cannot be read")
                        .isEqualTo(503);
            }
        }
    }

    @Test
    @Claim("SES-10")
    void aTokensPayloadIsReadableByAnyoneWhoHoldsIt() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin()).start()) {
            // given: a user logged in with a token
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("alice", "de");

            // when: anyone holding the cookie decodes its middle part, with no key at all
            TokenPayload payload = TokenPayload.readWithoutKey(browser.cookie().orElseThrow());

            // then
            assertThat(payload.json())
                    .as("a JWS payload is only base64url-encoded: signed, not encrypted")
                    .get(InstanceOfAssertFactories.STRING)
                    .contains("\"sub\":\"alice\"")
                    .contains("\"locale\":\"de\"");
            Verdict check = payload.check("alice", "de");
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("SES-11")
    void theInstancesRefuseEveryTokenNotSignedWithTheirAlgorithmAndKey() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin()).start()) {
            // given: a genuine token; three forgeries claiming to be alice; and a token for alice signed with the
            // instances' own key but with HS384, which is no forgery (it takes the key) but not what they sign with
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("mallory", "en");
            String genuine = browser.cookie().orElseThrow();
            String unsigned = new PlainJWT(alice()).serialize();
            String wrongKey = Forgeries.hmacSigned(
                    alice(), JWSAlgorithm.HS256, "a key that is not the instances' key, 32+ bytes");
            String edited = withPayload(genuine, alice());
            String rightKeyOtherAlgorithm = Forgeries.hmacSigned(alice(), JWSAlgorithm.HS384, SessionCluster.TOKEN_KEY);

            // when / then
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(genuine)))
                    .as("the genuine token is accepted")
                    .allMatch(Reply::loggedIn);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(unsigned)))
                    .as("alg none is refused")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(wrongKey)))
                    .as("a token signed with another key is refused")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(edited)))
                    .as("an edited payload no longer matches its signature")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(rightKeyOtherAlgorithm)))
                    .as(
                            "HS384 with the instances' own key is refused: they accept HS256 only, whatever the header names")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    @Test
    @Claim("SES-11")
    void aVerifierThatLetsTheHeaderPickTheAlgorithmAcceptsAnHs256TokenSignedWithThePublicKey() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                .withTokens(TokenSigning.RS256_ALG_FROM_HEADER)
                .start()) {
            // given: a service that signs RS256 and checks tokens with jose4j 0.4.3 given its public key, the
            // algorithm left to the token's header; and mallory, a user of it, who has its public key as anyone can
            Browser mallory = cluster.browser("10.1.0.7");
            mallory.login("mallory", "en");
            assertThat(SignedJWT.parse(mallory.cookie().orElseThrow())
                            .getHeader()
                            .getAlgorithm())
                    .as("the service signs RS256")
                    .isEqualTo(JWSAlgorithm.RS256);
            List<Reply> ownToken = replayOnEveryInstance(cluster, mallory);
            assertThat(ownToken)
                    .as("its own RS256 tokens are accepted: this verifier checks signatures")
                    .allMatch(Reply::loggedIn);

            // when: mallory signs an HS256 token for alice with the public key's bytes as the HMAC secret
            String forged = Forgeries.withThePublishedKey(mallory, alice());
            String otherSecret =
                    Forgeries.hmacSigned(alice(), JWSAlgorithm.HS256, "a secret that is not the service's public key");
            List<Reply> forgedReplies = replayOnEveryInstance(cluster, mallory.withCookie(forged));
            List<Reply> otherSecretReplies = replayOnEveryInstance(cluster, mallory.withCookie(otherSecret));

            // then
            assertThat(forgedReplies)
                    .as(
                            "the header chose HMAC and the public key became its secret: every instance takes mallory for alice")
                    .allSatisfy(reply -> {
                        assertThat(reply.status()).isEqualTo(200);
                        assertThat(reply.body()).startsWith("alice (de)");
                    });
            assertThat(otherSecretReplies)
                    .as("an HS256 token with another secret is refused: the HMAC is checked, keyed with the public key")
                    .allMatch(reply -> reply.status() == 401);
            Verdict check = new AlgorithmConfusion(
                            TokenSigning.RS256_ALG_FROM_HEADER,
                            "alice",
                            cluster.instanceNames(),
                            ownToken,
                            forgedReplies,
                            otherSecretReplies)
                    .check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    @Test
    @Claim("SES-11")
    void aVerifierPinnedToRs256RefusesTheHs256TokenSignedWithThePublicKey() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                .withTokens(TokenSigning.RS256)
                .start()) {
            // given: the same RS256 service and key pair, its tokens checked by Nimbus pinned to RS256
            Browser mallory = cluster.browser("10.1.0.7");
            mallory.login("mallory", "en");
            List<Reply> ownToken = replayOnEveryInstance(cluster, mallory);
            assertThat(ownToken).as("its own RS256 tokens are accepted").allMatch(Reply::loggedIn);

            // when: the same forgery, from the same published key, and the same control
            List<Reply> forgedReplies =
                    replayOnEveryInstance(cluster, mallory.withCookie(Forgeries.withThePublishedKey(mallory, alice())));
            List<Reply> otherSecretReplies = replayOnEveryInstance(
                    cluster,
                    mallory.withCookie(Forgeries.hmacSigned(
                            alice(), JWSAlgorithm.HS256, "a secret that is not the service's public key")));

            // then
            assertThat(forgedReplies)
                    .as(
                            "a verifier pinned to RS256 never computes an HMAC: the forged token is refused on every instance")
                    .allMatch(reply -> reply.status() == 401);
            Verdict check = new AlgorithmConfusion(
                            TokenSigning.RS256,
                            "alice",
                            cluster.instanceNames(),
                            ownToken,
                            forgedReplies,
                            otherSecretReplies)
                    .check();
            assertThat(check.kind())
                    .as("the checker the demo prints agrees: %s", check.line())
                    .isEqualTo(Verdict.Kind.SHOWN);
        }
    }

    /** A forger's claims for alice, valid for the next ten minutes from now. */
    private static JWTClaimsSet alice() {
        return Forgeries.claimsFor("alice", "de");
    }

    /** Asks "who am I?" with the browser's cookie until every instance has answered at least once; round-robin spreads them. */
    private static List<Reply> replayOnEveryInstance(SessionCluster cluster, Browser browser) {
        List<Reply> replies = cluster.askEveryInstance(browser);
        assertThat(replies)
                .as("every instance answered")
                .extracting(reply -> reply.servedBy().orElseThrow())
                .containsAll(cluster.instanceNames());
        return replies;
    }

    /** The genuine token's header and signature around another payload. */
    private static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
