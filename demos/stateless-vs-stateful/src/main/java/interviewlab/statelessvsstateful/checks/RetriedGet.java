package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.time.Duration;

/** A GET sent while the primary hangs, and SES-13's check: nginx retried it on the backup, after its read timeout. */
public record RetriedGet(String backup, Duration readTimeout, Reply reply) {

    public Verdict check() {
        boolean holds = reply.status() == 200
                && reply.servedBy().filter(backup::equals).isPresent()
                && reply.took().compareTo(readTimeout) >= 0;
        return Verdict.holdsIf(
                holds,
                "SES-13",
                String.format(
                        "the GET got %s after %d ms: nginx waited out its %d s read timeout on the hung primary, then retried it",
                        reply, reply.took().toMillis(), readTimeout.toSeconds()),
                String.format(
                        "expected the GET retried on %s after at least %d s; got %s after %d ms",
                        backup, readTimeout.toSeconds(), reply, reply.took().toMillis()));
    }
}
