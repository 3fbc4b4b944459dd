package interviewlab.udpvstcp;

import java.util.Locale;

/**
 * The bound every statistical check of this topic uses: how far noise takes the share of {@code trials}
 * independent trials that each succeed with probability q. The share has a standard deviation of
 * sqrt(q(1 - q) / trials); the bound is 5.5 of them either side. By the exact binomial tails, noise breaks it less
 * than once in a million checks at every size and share used here: at worst 8.0e-7, for the demo's 200 datagrams of
 * 22 fragments (q = 0.098), where the normal approximation is poorest; the demo's 14 checks together, 4.2e-6, about
 * once in 240,000 runs. Each check pairs it with a share that the outcome the claim denies lies far outside. A share
 * much smaller still would need more trials: 41 fragments (q = 0.013) of 200 datagrams would break it once in 50,000.
 */
final class Share {
    static final double STANDARD_DEVIATIONS = 5.5;

    private Share() {}

    /** Whether {@code hits} of {@code trials} is within the bound of the expected share q. */
    static boolean near(long hits, long trials, double q) {
        return Math.abs((double) hits / trials - q) <= bound(trials, q);
    }

    /** The bound itself, as a share. */
    static double bound(long trials, double q) {
        return STANDARD_DEVIATIONS * Math.sqrt(q * (1 - q) / trials);
    }

    /** The counts within the bound, for a sentence: "1,847 to 1,953". */
    static String range(long trials, double q) {
        double bound = bound(trials, q);
        long fewest = Math.max(0, (long) Math.ceil((q - bound) * trials));
        long most = Math.min(trials, (long) Math.floor((q + bound) * trials));
        return String.format(Locale.ROOT, "%,d to %,d", fewest, most);
    }
}
