package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.util.List;

/**
 * What logged-in users got from an instance added under them, and SES-7's check of it: with in-memory sessions every
 * one of them is logged out (401), with a shared store or tokens every one is logged in.
 *
 * @param added the new instance
 * @param fromAdded the replies it served
 */
public record NewInstanceReplies(SessionMode mode, String added, List<Reply> fromAdded) {

    public int expectedStatus() {
        return mode == SessionMode.MEMORY ? 401 : 200;
    }

    public Verdict check() {
        if (fromAdded.isEmpty()) {
            return Verdict.notShown(
                    "SES-7",
                    "%s: ip_hash moved no request to %s, so the run cannot show what it knows",
                    mode.label(),
                    added);
        }
        String observed = Replies.summary(fromAdded);
        return Verdict.holdsIf(
                Replies.allHaveStatus(fromAdded, expectedStatus()),
                "SES-7",
                String.format(
                        "%s: %d of the %d requests %s served were logged in (%s)",
                        mode.label(), Replies.loggedIn(fromAdded), fromAdded.size(), added, observed),
                String.format(
                        "%s: expected every request %s served to get %d; got %s",
                        mode.label(), added, expectedStatus(), observed));
    }
}
