package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.util.List;

/**
 * What a user's requests after logging in got behind ip_hash, and SES-2's check of it: every one went to the
 * login's instance, and every one was logged in.
 */
public record StickyReplies(String loginInstance, List<Reply> replies) {

    public boolean allToTheLoginInstance() {
        return !replies.isEmpty()
                && replies.stream()
                        .allMatch(reply ->
                                reply.servedBy().filter(loginInstance::equals).isPresent());
    }

    public Verdict check() {
        String observed = Replies.summary(replies);
        return Verdict.holdsIf(
                allToTheLoginInstance() && Replies.allHaveStatus(replies, 200),
                "SES-2",
                String.format(
                        "ip_hash sent all %d requests to %s, the login's instance, and the in-memory session was found every time (%s)",
                        replies.size(), loginInstance, observed),
                String.format(
                        "expected all %d requests at %s, the login's instance, and logged in; got %s",
                        replies.size(), loginInstance, observed));
    }
}
