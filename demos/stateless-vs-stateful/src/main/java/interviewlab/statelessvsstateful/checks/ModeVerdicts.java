package interviewlab.statelessvsstateful.checks;

import interviewlab.support.observed.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One verdict for a claim that contrasts the session modes, from the verdict of each mode's run: the claim is shown
 * only when every mode showed its part, and contradicted when any mode contradicts it.
 */
public final class ModeVerdicts {
    private ModeVerdicts() {}

    public static Verdict combined(String claim, List<Verdict> perMode) {
        if (perMode.isEmpty()
                || perMode.stream().anyMatch(verdict -> !verdict.claim().equals(claim))) {
            throw new IllegalArgumentException("verdicts on " + claim + " to combine, got " + perMode);
        }
        Verdict.Kind kind = perMode.stream().anyMatch(Verdict::contradicts)
                ? Verdict.Kind.CONTRADICTED
                : perMode.stream().anyMatch(verdict -> verdict.kind() == Verdict.Kind.NOT_SHOWN)
                        ? Verdict.Kind.NOT_SHOWN
                        : Verdict.Kind.SHOWN;
        return new Verdict(claim, kind, perMode.stream().map(Verdict::sentence).collect(Collectors.joining("; ")));
    }
}
