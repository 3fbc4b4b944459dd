package interviewlab.statelessvsstateful.app;

import java.util.Locale;

/** How the token mode signs its tokens, and how its instances check them. */
public enum TokenSigning {
    /** HS256 with the secret every instance shares; checked by Nimbus pinned to HS256. */
    HS256,
    /** RS256 with the key pair every instance shares, its public key published; checked by Nimbus pinned to RS256. */
    RS256,
    /**
     * The same RS256 tokens, checked by jose4j 0.4.3 given the public key and left to take the algorithm from the
     * token's header: the mistake RFC 8725 §2.1 describes, kept to be attacked.
     */
    RS256_ALG_FROM_HEADER;

    /** The name on the command line: {@code --tokens=rs256}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
