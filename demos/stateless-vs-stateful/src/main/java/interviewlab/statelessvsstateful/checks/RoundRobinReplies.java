package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.util.List;

/**
 * What a user's requests after logging in got behind round-robin, and SES-1's check of it: with in-memory sessions
 * exactly the requests that reach the login's instance are logged in; with a shared store or tokens, all of them.
 *
 * @param loginInstance the instance that handled the login
 * @param instances the instances behind nginx
 * @param replies the replies to "who am I?", in order
 */
public record RoundRobinReplies(SessionMode mode, String loginInstance, List<String> instances, List<Reply> replies) {

    /** The status each reply must have, by the instance that served it. */
    public List<Integer> expectedStatuses() {
        return replies.stream()
                .map(reply -> mode != SessionMode.MEMORY
                                || reply.servedBy()
                                        .filter(loginInstance::equals)
                                        .isPresent()
                        ? 200
                        : 401)
                .toList();
    }

    public Verdict check() {
        String observed = Replies.summary(replies);
        if (!Replies.instances(replies).containsAll(instances)) {
            return Verdict.notShown(
                    "SES-1",
                    "%s: the %d requests reached only %s of %s, so the run cannot show what the others know (%s)",
                    mode.label(),
                    replies.size(),
                    Replies.instances(replies),
                    instances,
                    observed);
        }
        boolean holds = replies.stream().map(Reply::status).toList().equals(expectedStatuses());
        if (mode == SessionMode.MEMORY) {
            return Verdict.holdsIf(
                    holds,
                    "SES-1",
                    String.format(
                            "memory: %d of %d requests logged in, exactly those that reached %s, the login's instance (%s)",
                            Replies.loggedIn(replies), replies.size(), loginInstance, observed),
                    String.format(
                            "memory: expected 200 from %s, the login's instance, and 401 from the others; got %s",
                            loginInstance, observed));
        }
        return Verdict.holdsIf(
                holds,
                "SES-1",
                String.format(
                        "%s: all %d requests logged in, on every instance (%s)",
                        mode.label(), replies.size(), observed),
                String.format(
                        "%s: expected all %d requests logged in; got %s", mode.label(), replies.size(), observed));
    }
}
