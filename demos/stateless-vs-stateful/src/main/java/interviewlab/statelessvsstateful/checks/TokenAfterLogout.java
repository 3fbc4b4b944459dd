package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.util.List;

/** What a copy of a token, taken before its user logged out, got afterwards, and SES-9's check: still accepted. */
public record TokenAfterLogout(List<Reply> replays) {

    public Verdict check() {
        String observed = Replies.summary(replays);
        return Verdict.holdsIf(
                Replies.allHaveStatus(replays, 200),
                "SES-9",
                String.format(
                        "after logout, the copied token was still accepted %d of %d times, by %s (%s)",
                        Replies.loggedIn(replays), replays.size(), Replies.instances(replays), observed),
                String.format("expected the copied token accepted after logout, every time; got %s", observed));
    }
}
