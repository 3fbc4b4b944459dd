package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;

/**
 * The reply a sticky user got once the instance it stuck to was killed, and SES-3's check of it: another instance
 * answered, 401 with in-memory sessions, 200 with a shared store or tokens.
 */
public record AfterTheKill(SessionMode mode, String killed, Reply reply) {

    public int expectedStatus() {
        return mode == SessionMode.MEMORY ? 401 : 200;
    }

    public boolean answeredByAnotherInstance() {
        return reply.servedBy().filter(instance -> !instance.equals(killed)).isPresent();
    }

    public Verdict check() {
        return Verdict.holdsIf(
                answeredByAnotherInstance() && reply.status() == expectedStatus(),
                "SES-3",
                String.format("%s: %s killed, nginx sent the user on and got %s", mode.label(), killed, reply),
                String.format(
                        "%s: %s killed, expected %d from another instance, got %s",
                        mode.label(), killed, expectedStatus(), reply));
    }
}
