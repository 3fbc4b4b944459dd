package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Signed tokens (JWT, HS256) as the session: what logout, reading and forging them do. */
class TokensTest {

    @Test
    @Claim("SES-9")
    void logoutDoesNotRevokeAToken() {
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
    void theInstancesRejectUnsignedWronglySignedAndEditedTokens() throws Exception {
        try (SessionCluster cluster = new SessionCluster(SessionMode.JWT, 2, Balancer.roundRobin()).start()) {
            // given: a genuine token, and four forgeries claiming to be alice
            Browser browser = cluster.browser("10.1.0.7");
            browser.login("mallory", "en");
            String genuine = browser.cookie().orElseThrow();
            String unsigned = new PlainJWT(aliceClaims()).serialize();
            String otherAlgorithm = signed(aliceClaims(), JWSAlgorithm.HS384, SessionCluster.TOKEN_KEY);
            String wrongKey = signed(aliceClaims(), JWSAlgorithm.HS256, "a key that is not the instances' key, 32+ bytes");
            String edited = withPayload(genuine, aliceClaims());

            // when / then
            assertThat(browser.withCookie(genuine).me().loggedIn()).as("the genuine token is accepted").isTrue();
            assertThat(browser.withCookie(unsigned).me().status()).as("alg none is refused").isEqualTo(401);
            assertThat(browser.withCookie(otherAlgorithm).me().status())
                    .as("HS384 with the right key is refused: the verifier pins HS256, whatever the header asks for").isEqualTo(401);
            assertThat(browser.withCookie(wrongKey).me().status()).as("a token signed with another key is refused").isEqualTo(401);
            assertThat(browser.withCookie(edited).me().status()).as("an edited payload no longer matches its signature").isEqualTo(401);
        }
    }

    @Test
    @Claim("SES-11")
    void aVerifierThatTrustsTheTokensHeaderAcceptsTheForgeriesThePinnedOneRefuses() throws Exception {
        // given: the mistake behind the 2015 JWT library vulnerabilities: the token's header chooses how it is checked
        String unsigned = new PlainJWT(aliceClaims()).serialize();
        String otherAlgorithm = signed(aliceClaims(), JWSAlgorithm.HS384, SessionCluster.TOKEN_KEY);

        // when / then
        assertThat(trustingTheHeader(unsigned)).as("a verifier that does not pin its algorithm lets anyone in as anyone with alg none")
                .hasValueSatisfying(claims -> assertThat(claims.getSubject()).isEqualTo("alice"));
        assertThat(trustingTheHeader(otherAlgorithm)).as("and accepts whatever algorithm the header names").isPresent();
    }

    /** The vulnerable verifier: "alg": "none" means there is nothing to check. */
    private static Optional<JWTClaimsSet> trustingTheHeader(String token) throws ParseException, JOSEException {
        JWT jwt = JWTParser.parse(token);
        if (jwt instanceof PlainJWT) {
            return Optional.of(jwt.getJWTClaimsSet());
        }
        SignedJWT signed = (SignedJWT) jwt;
        return signed.verify(new MACVerifier(SessionCluster.TOKEN_KEY.getBytes(StandardCharsets.UTF_8)))
                ? Optional.of(signed.getJWTClaimsSet()) : Optional.empty();
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
