package interviewlab.statelessvsstateful.app;

import java.util.Locale;

/** Where the service keeps a login between requests. */
public enum SessionMode {
    /** Server sessions in each instance's memory. */
    MEMORY,
    /** Server sessions in a Redis every instance shares. */
    REDIS,
    /** No server state: a signed token (JWT) in the cookie. */
    JWT;

    /** The name on the command line and in the demo's tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
