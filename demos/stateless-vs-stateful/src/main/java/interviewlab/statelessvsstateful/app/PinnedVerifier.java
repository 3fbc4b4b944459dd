package interviewlab.statelessvsstateful.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/** Nimbus JOSE+JWT told the one algorithm and the key it accepts, as RFC 8725 §3.1 asks of a verifier. */
final class PinnedVerifier implements TokenVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private PinnedVerifier(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys) {
        // snippet:pinned-verifier
        // Accept the one algorithm we sign with, with our key, and nothing else: not the token's own "alg", not "none".
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp", "jti")));
        // end-snippet
    }

    /** HS256 with the secret the instances share. */
    static PinnedVerifier hs256(byte[] secret) {
        return new PinnedVerifier(JWSAlgorithm.HS256, new ImmutableSecret<>(secret));
    }

    /** RS256 with the public half of the instances' key pair. */
    static PinnedVerifier rs256(RSAKey publicKey) {
        return new PinnedVerifier(JWSAlgorithm.RS256, new ImmutableJWKSet<>(new JWKSet(publicKey.toPublicJWK())));
    }

    @Override
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException rejected) {
            return Optional.empty();
        }
    }
}
