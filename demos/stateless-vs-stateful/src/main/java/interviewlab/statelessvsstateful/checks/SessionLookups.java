package interviewlab.statelessvsstateful.checks;

import interviewlab.support.observed.Verdict;

/** Requests made and session lookups Redis counted for them ({@code INFO commandstats}), and SES-6's check: one each. */
public record SessionLookups(long requests, long lookups) {

    public Verdict check() {
        return Verdict.holdsIf(
                requests > 0 && lookups == requests,
                "SES-6",
                String.format(
                        "%d requests made exactly %d HGETALL calls, as Redis counts them: a round trip each",
                        requests, lookups),
                String.format("expected one HGETALL per request, Redis counted %d for %d requests", lookups, requests));
    }
}
