package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.support.observed.Verdict;
import org.HdrHistogram.Histogram;

/**
 * How long one mode's instance took to find the session, over many requests, as it reports it (Server-Timing), in
 * microseconds. Two modes are ranked only where their spreads do not overlap: the faster one's p99 below the slower
 * one's p1. On a busy machine they may overlap, and then the run says it could not tell them apart.
 */
public record LookupTimes(SessionMode mode, long count, long p1, long p50, long p99, long max) {

    public static LookupTimes of(SessionMode mode, Histogram micros) {
        return new LookupTimes(
                mode,
                micros.getTotalCount(),
                micros.getValueAtPercentile(1),
                micros.getValueAtPercentile(50),
                micros.getValueAtPercentile(99),
                micros.getMaxValue());
    }

    /** Whether every lookup of this mode up to its p99 was faster than the fastest 1 % of the other's. */
    public boolean clearlyFasterThan(LookupTimes other) {
        return count > 0 && other.count > 0 && p99 < other.p1;
    }

    /** SES-6: what the round trip to Redis costs, against finding the session in the instance's own memory. */
    public static Verdict roundTripCost(LookupTimes memory, LookupTimes redis) {
        if (!memory.clearlyFasterThan(redis)) {
            return Verdict.notShown(
                    "SES-6",
                    "the Redis lookups (p1 %d µs, p50 %d µs) overlap the in-memory ones (p99 %d µs): this run cannot "
                            + "tell what the round trip costs",
                    redis.p1,
                    redis.p50,
                    memory.p99);
        }
        return Verdict.shown(
                "SES-6",
                "the round trip to Redis cost p50 %d µs (p1 %d, p99 %d); 99 %% of in-memory lookups took at most %d µs, "
                        + "less than the fastest 1 %% of the Redis ones",
                redis.p50,
                redis.p1,
                redis.p99,
                memory.p99);
    }

    /** What checking a token's signature costs, against an in-memory lookup: CPU on every request. */
    public static Verdict tokenCheckCost(LookupTimes memory, LookupTimes jwt) {
        if (!memory.clearlyFasterThan(jwt)) {
            return Verdict.notShown(
                    "token check",
                    "the token checks (p1 %d µs, p50 %d µs) overlap the in-memory lookups (p99 %d µs): this run "
                            + "cannot tell what checking a token costs",
                    jwt.p1,
                    jwt.p50,
                    memory.p99);
        }
        return Verdict.shown(
                "token check",
                "parsing a token and checking its HS256 signature cost p50 %d µs (p1 %d, p99 %d), on every request; "
                        + "99 %% of in-memory lookups took at most %d µs",
                jwt.p50,
                jwt.p1,
                jwt.p99,
                memory.p99);
    }
}
