package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;

/**
 * A POST sent while the primary hangs, how often each instance placed the order once the primary woke up, and
 * SES-13's check. By default nginx does not pass the POST on: the client gets 504 and the primary places the order
 * anyway, once. With {@code non_idempotent} the backup answers 200 and the order is placed twice.
 */
public record PostToAHungInstance(
        boolean replayNonIdempotent, String backup, Reply reply, long placedByPrimary, long placedByBackup) {

    public Verdict check() {
        String observed = String.format(
                "the client got %s; the primary placed the order %d time(s), the backup %d",
                reply, placedByPrimary, placedByBackup);
        if (replayNonIdempotent) {
            boolean holds = reply.status() == 200
                    && reply.servedBy().filter(backup::equals).isPresent()
                    && placedByPrimary == 1
                    && placedByBackup == 1;
            return Verdict.holdsIf(
                    holds,
                    "SES-13",
                    "non_idempotent: the POST was passed on and the order placed twice (" + observed + ")",
                    "non_idempotent: expected 200 from " + backup + " and the order placed by each instance once; "
                            + observed);
        }
        boolean holds = reply.status() == 504 && placedByPrimary == 1 && placedByBackup == 0;
        return Verdict.holdsIf(
                holds,
                "SES-13",
                "default: nginx did not pass the POST on, and the hung primary placed it anyway (" + observed + ")",
                "default: expected 504, the order placed by the primary only; " + observed);
    }
}
