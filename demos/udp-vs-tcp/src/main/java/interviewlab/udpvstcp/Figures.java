package interviewlab.udpvstcp;

import java.util.Locale;

/** How this topic writes its figures, in tables and in verdicts alike. */
final class Figures {
    private Figures() {}

    /** A configured loss: "5 %". */
    static String lossRate(double probability) {
        return String.format(Locale.ROOT, "%.0f %%", probability * 100);
    }

    /** A measured share: "94.5 %". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
