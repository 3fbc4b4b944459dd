package interviewlab.statelessvsstateful.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Signed tokens (JWT): the login is the cookie itself, so any instance holding the key can check it and no
 * instance stores anything. Logging out can only drop the cookie, unless a denylist in Redis is kept.
 *
 * <p>HS256 by default, with a secret every instance shares. RS256 with a key pair every instance shares, whose
 * public key is published so that anyone may check a token, which is also what an attacker starts from (SES-11).
 */
public final class TokenSessions implements Sessions {
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    private static final String REVOKED_PREFIX = "revoked:";

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final TokenVerifier verifier;
    private final Optional<String> publishedKey;
    private final Optional<RedisClient> denylist;

    /** HS256 tokens signed with this key; {@code secret} must be at least 32 bytes. */
    public TokenSessions(byte[] secret) {
        this(secret, Optional.empty());
    }

    /** HS256 tokens whose logout is remembered in Redis until they expire. */
    public TokenSessions(byte[] secret, RedisClient denylist) {
        this(secret, Optional.of(denylist));
    }

    private TokenSessions(byte[] secret, Optional<RedisClient> denylist) {
        this(JWSAlgorithm.HS256, macSigner(secret), PinnedVerifier.hs256(secret), Optional.empty(), denylist);
    }

    private TokenSessions(
            JWSAlgorithm algorithm,
            JWSSigner signer,
            TokenVerifier verifier,
            Optional<String> publishedKey,
            Optional<RedisClient> denylist) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.verifier = verifier;
        this.publishedKey = publishedKey;
        this.denylist = denylist;
    }

    /** RS256 tokens signed with this key pair (its private half), checked as {@code signing} says. */
    public static TokenSessions rs256(RSAKey keyPair, TokenSigning signing) {
        try {
            TokenVerifier verifier = switch (signing) {
                case RS256 -> PinnedVerifier.rs256(keyPair);
                case RS256_ALG_FROM_HEADER -> new AlgorithmFromHeaderVerifier(keyPair.toRSAPublicKey());
                case HS256 ->
                    throw new IllegalArgumentException("HS256 tokens are signed with a shared secret, not a key pair");
            };
            return new TokenSessions(
                    JWSAlgorithm.RS256,
                    new RSASSASigner(keyPair),
                    verifier,
                    Optional.of(pem(keyPair)),
                    Optional.empty());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not an RSA key pair: " + e.getMessage(), e);
        }
    }

    @Override
    public String login(User user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.name())
                .claim("locale", user.locale())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return token.serialize();
    }

    @Override
    public Optional<User> lookup(String cookieValue) {
        Optional<JWTClaimsSet> claims = verifier.verify(cookieValue);
        if (claims.isEmpty() || isRevoked(claims.get())) {
            return Optional.empty();
        }
        return Optional.of(
                new User(claims.get().getSubject(), String.valueOf(claims.get().getClaim("locale"))));
    }

    /** Without a denylist there is nothing to do: the token stays valid wherever a copy of it is. */
    @Override
    public void logout(String cookieValue) {
        denylist.ifPresent(redis -> verifier.verify(cookieValue).ifPresent(claims -> {
            long expiresAt = claims.getExpirationTime().getTime();
            RedisCalls.retryingOnce(
                    redis,
                    () -> redis.set(
                            REVOKED_PREFIX + claims.getJWTID(),
                            "1",
                            SetParams.setParams().pxAt(expiresAt)));
        }));
    }

    /** For RS256 tokens, the public key as PEM: what a JWKS endpoint or a well-known URL would serve. */
    @Override
    public Optional<String> publishedKey() {
        return publishedKey;
    }

    private boolean isRevoked(JWTClaimsSet claims) {
        return denylist.map(
                        redis -> RedisCalls.retryingOnce(redis, () -> redis.exists(REVOKED_PREFIX + claims.getJWTID())))
                .orElse(false);
    }

    private static MACSigner macSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token key is too short for HS256: " + e.getMessage(), e);
        }
    }

    private static String pem(RSAKey keyPair) throws JOSEException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.toRSAPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
