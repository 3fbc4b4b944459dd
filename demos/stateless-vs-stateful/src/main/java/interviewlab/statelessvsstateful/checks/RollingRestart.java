package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A rolling restart under logged-in users, and SES-8's check of it. Which instance each user stuck to, the order
 * of the restarts, and each user's status after each restart.
 */
public record RollingRestart(
        SessionMode mode, List<String> stuckTo, List<String> order, List<List<Integer>> statusesAfterStep) {

    /**
     * The scenario: the users (logged in, behind ip_hash) each ask "who am I?" to learn where they stick; then each
     * instance is stopped gracefully and started again in turn, and every user asks again after each step.
     */
    public static RollingRestart run(SessionCluster cluster, List<Browser> users, Narrator narrator) {
        List<String> stuckTo =
                users.stream().map(user -> user.me().servedBy().orElseThrow()).toList();
        List<String> order = cluster.instanceNames();
        narrator.say("users", "%d logged in, stuck to %s; rolling restart of %s", users.size(), stuckTo, order);
        List<List<Integer>> statuses = new ArrayList<>();
        for (String instance : order) {
            cluster.restartGracefully(instance);
            List<Integer> after = users.stream().map(user -> user.me().status()).toList();
            narrator.say(instance, "restarted gracefully; the users now get %s", after);
            statuses.add(after);
        }
        return new RollingRestart(cluster.mode(), stuckTo, order, statuses);
    }

    /** What each user must get after each step: with in-memory sessions, 401 once its instance has restarted. */
    public List<List<Integer>> expectedStatuses() {
        List<List<Integer>> expected = new ArrayList<>();
        for (int step = 0; step < order.size(); step++) {
            List<String> restartedSoFar = order.subList(0, step + 1);
            expected.add(stuckTo.stream()
                    .map(instance -> mode == SessionMode.MEMORY && restartedSoFar.contains(instance) ? 401 : 200)
                    .toList());
        }
        return expected;
    }

    public long loggedInAtTheEnd() {
        return statusesAfterStep.isEmpty()
                ? 0
                : statusesAfterStep.get(statusesAfterStep.size() - 1).stream()
                        .filter(status -> status == 200)
                        .count();
    }

    public Verdict check() {
        boolean holds =
                statusesAfterStep.equals(expectedStatuses()) && stuckTo.stream().allMatch(order::contains);
        String observed =
                String.format("users stuck to %s; after restarting %s in turn: %s", stuckTo, order, statusesAfterStep);
        if (mode == SessionMode.MEMORY) {
            return Verdict.holdsIf(
                    holds,
                    "SES-8",
                    String.format(
                            "memory: each restart logged out exactly the users stuck to it, %d of %d logged in at the end (%s)",
                            loggedInAtTheEnd(), stuckTo.size(), observed),
                    String.format("memory: expected %s, observed %s", expectedStatuses(), observed));
        }
        return Verdict.holdsIf(
                holds,
                "SES-8",
                String.format("%s: all %d users logged in after every restart", mode.label(), stuckTo.size()),
                String.format("%s: expected every user logged in throughout, observed %s", mode.label(), observed));
    }
}
