package interviewlab.support.faults;

import java.time.Instant;

/**
 * One fault as it happened: what was done, to which service, and when. {@link Faults} records one for every fault
 * it causes and every heal, so a scenario's outcome can say "killed at 12.3 s" from data, not from its script.
 *
 * @param at when the fault was done (for a kill, when the signal was sent)
 * @param what the fault, in the lab's words: "kill -9", "graceful stop", "pause", "heal pause", ...
 * @param target the service it was done to, by its lab name
 */
public record FaultEvent(Instant at, String what, String target) {}
