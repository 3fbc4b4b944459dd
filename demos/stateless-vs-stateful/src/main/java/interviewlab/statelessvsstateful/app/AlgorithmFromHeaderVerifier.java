package interviewlab.statelessvsstateful.app;

import com.nimbusds.jwt.JWTClaimsSet;
import java.security.Security;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Deliberately vulnerable, to be attacked (SES-11): jose4j 0.4.3 given "the" verification key and no algorithm
 * constraints, as an earlier version of jose4j's own JWT example did, so the token's {@code alg} header picks what
 * the key is used for; and Bouncy Castle registered as a security provider, as many applications do. For an HS256
 * header jose4j hands the RSA public key to {@code Mac.init}: the JDK's HMAC wants a secret key and declines it,
 * Bouncy Castle's keys itself with {@code key.getEncoded()}, the public key's X.509 bytes, which anyone can read.
 * jose4j 0.4.4 added the key-type check that refuses this.
 */
final class AlgorithmFromHeaderVerifier implements TokenVerifier {
    private final JwtConsumer consumer;

    AlgorithmFromHeaderVerifier(RSAPublicKey publicKey) {
        // snippet:alg-from-header-verifier
        Security.addProvider(new BouncyCastleProvider());
        consumer = new JwtConsumerBuilder()
                .setVerificationKey(publicKey) // one key; which algorithm it is used with, the token's header says
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();
        // end-snippet
    }

    @Override
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            return Optional.of(
                    JWTClaimsSet.parse(consumer.processToClaims(token).getRawJson()));
        } catch (InvalidJwtException | ParseException rejected) {
            return Optional.empty();
        }
    }
}
