package interviewlab.statelessvsstateful.app;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Optional;

/** Checks a token: its claims if it is to be believed, nothing if it is refused. */
interface TokenVerifier {
    Optional<JWTClaimsSet> verify(String token);
}
