package interviewlab.support.observed;

import java.util.Locale;

/**
 * What a checker concluded from one run about one claim. A demo prints it and a test asserts the same outcome, so
 * a sentence a reader sees is never printed whatever happened: it is chosen by what the run observed.
 *
 * @param claim the doc claim the run bears on, such as "CMP-1"
 * @param kind whether the run showed the claim, could not show it, or contradicts it
 * @param sentence what the run observed, in one sentence with its figures
 */
public record Verdict(String claim, Kind kind, String sentence) {

    /** The three things a run can say about a claim. */
    public enum Kind {
        /** The run shows what the claim says. */
        SHOWN("shown"),
        /** The run could not show it either way (noise, a fault that landed before any work): said, never claimed. */
        NOT_SHOWN("not shown by this run"),
        /** The run observed what the claim says cannot happen: a demo that sees this fails. */
        CONTRADICTED("CONTRADICTED");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Verdict shown(String claim, String format, Object... args) {
        return new Verdict(claim, Kind.SHOWN, String.format(Locale.ROOT, format, args));
    }

    public static Verdict notShown(String claim, String format, Object... args) {
        return new Verdict(claim, Kind.NOT_SHOWN, String.format(Locale.ROOT, format, args));
    }

    public static Verdict contradicted(String claim, String format, Object... args) {
        return new Verdict(claim, Kind.CONTRADICTED, String.format(Locale.ROOT, format, args));
    }

    /** Shown when the check holds, contradicted when it does not; each sentence says what was observed. */
    public static Verdict holdsIf(boolean holds, String claim, String whenShown, String whenContradicted) {
        return new Verdict(claim, holds ? Kind.SHOWN : Kind.CONTRADICTED, holds ? whenShown : whenContradicted);
    }

    public boolean contradicts() {
        return kind == Kind.CONTRADICTED;
    }

    /** One line: the claim, what the run says of it, and why. */
    public String line() {
        return claim + " " + kind.label() + ": " + sentence;
    }
}
