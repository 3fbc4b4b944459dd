package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.app.TokenSigning;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Signed tokens (JWT) as the session: what logout, reading and forging them do. */
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
            assertThat(browser.cookie()).as("logout cleared the browser's cookie").isEmpty();
            assertThat(browser.me().status()).as("so this browser is logged out").isEqualTo(401);
            List<Reply> replays = replayOnEveryInstance(cluster, browser.withCookie(copy));
            assertThat(replays).as("but the token itself is still valid on every instance: nothing remembers the logout")
                    .allMatch(Reply::loggedIn);
            JWTClaimsSet claims = SignedJWT.parse(copy).getJWTClaimsSet();
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                    .as("it is valid until its exp, 15 minutes after it was issued").isEqualTo(Duration.ofMinutes(15));
            // Five minutes past: beyond the minute of clock skew Nimbus allows by default.
            String expired = signed(new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).build(),
                    JWSAlgorithm.HS256, SessionCluster.TOKEN_KEY);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(expired)))
                    .as("and only until then: the same token with its exp passed, signed with the instances' key, is refused")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    @Test
    @Claim("SES-9")
    void aDenylistRevokesTheTokenAndMakesRedisSharedStateAgain() {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin()).withDenylist().start();
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
                    .as("the denylist revokes the token at once, on every instance").allMatch(reply -> reply.status() == 401);

            // and every request now asks Redis, like a session store
            long checksBefore = RedisCommands.calls(redis, "exists");
            for (int i = 0; i < 50; i++) {
                assertThat(another.me().loggedIn()).as("bob, who did not log out, stays logged in").isTrue();
            }
            assertThat(RedisCommands.calls(redis, "exists") - checksBefore)
                    .as("with a denylist each request makes one Redis call: the shared state is back").isEqualTo(50);

            // and without Redis nobody gets in
            try (Fault hung = Faults.pause(cluster.redis())) {
                assertThat(another.me().status()).as("a token that is still valid is refused when the denylist cannot be read").isEqualTo(503);
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
            // snippet:read-a-token
            String payload = browser.cookie().orElseThrow().split("\\.")[1];
            String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            // end-snippet

            // then
            System.out.println("the token's payload, read without the key: " + json);
            assertThat(json).as("a JWS payload is only base64url-encoded: signed, not encrypted")
                    .contains("\"sub\":\"alice\"").contains("\"locale\":\"de\"");
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
            String unsigned = new PlainJWT(aliceClaims()).serialize();
            String wrongKey = signed(aliceClaims(), JWSAlgorithm.HS256, "a key that is not the instances' key, 32+ bytes");
            String edited = withPayload(genuine, aliceClaims());
            String rightKeyOtherAlgorithm = signed(aliceClaims(), JWSAlgorithm.HS384, SessionCluster.TOKEN_KEY);

            // when / then
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(genuine))).as("the genuine token is accepted")
                    .allMatch(Reply::loggedIn);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(unsigned))).as("alg none is refused")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(wrongKey))).as("a token signed with another key is refused")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(edited))).as("an edited payload no longer matches its signature")
                    .allMatch(reply -> reply.status() == 401);
            assertThat(replayOnEveryInstance(cluster, browser.withCookie(rightKeyOtherAlgorithm)))
                    .as("HS384 with the instances' own key is refused: they accept HS256 only, whatever the header names")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    @Test
    @Claim("SES-11")
    void aVerifierThatLetsTheHeaderPickTheAlgorithmAcceptsAnHs256TokenSignedWithThePublicKey() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                .withTokens(TokenSigning.RS256_ALG_FROM_HEADER).start()) {
            // given: a service that signs RS256 and checks tokens with jose4j 0.4.3 given its public key, the
            // algorithm left to the token's header; and mallory, a user of it, who has its public key as anyone can
            Browser mallory = cluster.browser("10.1.0.7");
            mallory.login("mallory", "en");
            assertThat(SignedJWT.parse(mallory.cookie().orElseThrow()).getHeader().getAlgorithm()).as("the service signs RS256")
                    .isEqualTo(JWSAlgorithm.RS256);
            assertThat(replayOnEveryInstance(cluster, mallory)).as("its own RS256 tokens are accepted: this verifier checks signatures")
                    .allMatch(Reply::loggedIn);

            // when: mallory signs an HS256 token for alice with the public key's bytes as the HMAC secret
            String forged = forgedWithThePublishedKey(mallory);
            String otherSecret = signed(aliceClaims(), JWSAlgorithm.HS256, "a secret that is not the service's public key");

            // then
            assertThat(replayOnEveryInstance(cluster, mallory.withCookie(forged)))
                    .as("the header chose HMAC and the public key became its secret: every instance takes mallory for alice")
                    .allSatisfy(reply -> {
                        assertThat(reply.status()).isEqualTo(200);
                        assertThat(reply.body()).startsWith("alice (de)");
                    });
            assertThat(replayOnEveryInstance(cluster, mallory.withCookie(otherSecret)))
                    .as("an HS256 token with another secret is refused: the HMAC is checked, keyed with the public key")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    @Test
    @Claim("SES-11")
    void aVerifierPinnedToRs256RefusesTheHs256TokenSignedWithThePublicKey() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin())
                .withTokens(TokenSigning.RS256).start()) {
            // given: the same RS256 service and key pair, its tokens checked by Nimbus pinned to RS256
            Browser mallory = cluster.browser("10.1.0.7");
            mallory.login("mallory", "en");
            assertThat(replayOnEveryInstance(cluster, mallory)).as("its own RS256 tokens are accepted").allMatch(Reply::loggedIn);

            // when: the same forgery, from the same published key
            String forged = forgedWithThePublishedKey(mallory);

            // then
            assertThat(replayOnEveryInstance(cluster, mallory.withCookie(forged)))
                    .as("a verifier pinned to RS256 never computes an HMAC: the forged token is refused on every instance")
                    .allMatch(reply -> reply.status() == 401);
        }
    }

    /** The attacker's whole work: the public key as the service publishes it, its bytes as an HMAC secret, and alice's name. */
    private static String forgedWithThePublishedKey(Browser attacker) throws JOSEException {
        Reply published = attacker.publicKey();
        assertThat(published.status()).as("the service publishes its public key").isEqualTo(200);
        // snippet:forge-with-the-public-key
        String pem = published.body();   // -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----
        byte[] publicKeyBytes = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), aliceClaims());
        forged.sign(new MACSigner(publicKeyBytes));
        // end-snippet
        return forged.serialize();
    }

    private static JWTClaimsSet aliceClaims() {
        return new JWTClaimsSet.Builder().subject("alice").claim("locale", "de").jwtID("forged")
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
    }

    /** Asks "who am I?" with the browser's cookie until every instance has answered at least once; round-robin spreads them. */
    private static List<Reply> replayOnEveryInstance(SessionCluster cluster, Browser browser) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 2 * cluster.instanceNames().size(); i++) {
            replies.add(browser.me());
        }
        assertThat(replies).as("every instance answered").extracting(reply -> reply.servedBy().orElseThrow())
                .containsAll(cluster.instanceNames());
        return replies;
    }

    private static String signed(JWTClaimsSet claims, JWSAlgorithm algorithm, String key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** The genuine token's header and signature around another payload. */
    private static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
