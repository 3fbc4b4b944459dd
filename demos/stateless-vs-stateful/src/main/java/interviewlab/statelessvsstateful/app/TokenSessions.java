package interviewlab.statelessvsstateful.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Signed tokens (JWT, HS256): the login is the cookie itself, so any instance holding the key can check it and no
 * instance stores anything. Logging out can only drop the cookie, unless a denylist in Redis is kept.
 */
public final class TokenSessions implements Sessions {
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    private static final String REVOKED_PREFIX = "revoked:";

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
    private final Optional<RedisClient> denylist;

    /** Tokens signed with this key; {@code secret} must be at least 32 bytes for HS256. */
    public TokenSessions(byte[] secret) {
        this(secret, Optional.empty());
    }

    /** Tokens whose logout is remembered in Redis until they expire. */
    public TokenSessions(byte[] secret, RedisClient denylist) {
        this(secret, Optional.of(denylist));
    }

    private TokenSessions(byte[] secret, Optional<RedisClient> denylist) {
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token key is too short for HS256: " + e.getMessage(), e);
        }
        // snippet:pinned-verifier
        // Accept HS256 with our key and nothing else: not the token's own "alg", not "none".
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp", "jti")));
        // end-snippet
        this.denylist = denylist;
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
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return token.serialize();
    }

    @Override
    public Optional<User> lookup(String cookieValue) {
        Optional<JWTClaimsSet> claims = verified(cookieValue);
        if (claims.isEmpty() || isRevoked(claims.get())) {
            return Optional.empty();
        }
        return Optional.of(new User(claims.get().getSubject(), String.valueOf(claims.get().getClaim("locale"))));
    }

    /** Without a denylist there is nothing to do: the token stays valid wherever a copy of it is. */
    @Override
    public void logout(String cookieValue) {
        denylist.ifPresent(redis -> verified(cookieValue).ifPresent(claims -> {
            long expiresAt = claims.getExpirationTime().getTime();
            RedisCalls.retryingOnce(redis, () -> redis.set(REVOKED_PREFIX + claims.getJWTID(), "1", SetParams.setParams().pxAt(expiresAt)));
        }));
    }

    private Optional<JWTClaimsSet> verified(String token) {
        try {
            return Optional.of(verifier.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException rejected) {
            return Optional.empty();
        }
    }

    private boolean isRevoked(JWTClaimsSet claims) {
        return denylist.map(redis -> RedisCalls.retryingOnce(redis, () -> redis.exists(REVOKED_PREFIX + claims.getJWTID())))
                .orElse(false);
    }
}
