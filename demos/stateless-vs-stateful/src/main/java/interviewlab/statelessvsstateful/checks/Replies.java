package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.cluster.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the checkers read off a list of replies, and how their verdicts and the demo's tables quote it. */
public final class Replies {
    private Replies() {}

    public static long loggedIn(List<Reply> replies) {
        return replies.stream().filter(Reply::loggedIn).count();
    }

    public static boolean allHaveStatus(List<Reply> replies, int status) {
        return !replies.isEmpty() && replies.stream().allMatch(reply -> reply.status() == status);
    }

    /** The instances that answered, nginx itself not counted. */
    public static Set<String> instances(List<Reply> replies) {
        return replies.stream()
                .flatMap(reply -> reply.servedBy().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "200 from app-1 ×2, 401 from app-2 ×2": each kind of reply with how often it came, in the order first seen. */
    public static String summary(List<Reply> replies) {
        Map<String, Long> counts = replies.stream()
                .collect(Collectors.groupingBy(Reply::toString, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(kind -> kind.getKey() + " ×" + kind.getValue())
                .collect(Collectors.joining(", "));
    }
}
