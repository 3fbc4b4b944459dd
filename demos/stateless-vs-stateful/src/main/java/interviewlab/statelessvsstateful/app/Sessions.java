package interviewlab.statelessvsstateful.app;

import java.util.Optional;

/**
 * Where a login lives between requests. The client keeps only the cookie value this hands out: an opaque
 * session id for the stateful modes, the whole signed token for the stateless one.
 */
public interface Sessions {
    /** Starts a session; returns the cookie value that stands for it. */
    String login(User user);

    /** The user the cookie value stands for, if it still does. */
    Optional<User> lookup(String cookieValue);

    /** Ends the session the cookie value stands for, as far as this mode can. */
    void logout(String cookieValue);

    /** A key anyone may fetch to check this mode's cookies, if it has one: the public key of RS256 tokens, as PEM. */
    default Optional<String> publishedKey() {
        return Optional.empty();
    }
}
