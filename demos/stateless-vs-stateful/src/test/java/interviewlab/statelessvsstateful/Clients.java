package interviewlab.statelessvsstateful;

import interviewlab.statelessvsstateful.cluster.Browser;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The tests' users: browsers from addresses chosen for what ip_hash does with them. */
final class Clients {
    private Clients() {}

    /** n browsers, each from its own /24 network (10.i.0.7): ip_hash can tell every one of them apart. */
    static List<Browser> fromDistinctNetworks(SessionCluster cluster, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> cluster.browser("10." + i + ".0.7"))
                .toList();
    }

    /** n browsers from one /24 network (198.51.100.i), as behind one office's or one provider's NAT range. */
    static List<Browser> fromOneNetwork(SessionCluster cluster, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> cluster.browser("198.51.100." + i))
                .toList();
    }

    /** n browsers from distinct networks, each logged in as user-i; fails if a login is refused. */
    static List<Browser> loggedIn(SessionCluster cluster, int n) {
        List<Browser> browsers = fromDistinctNetworks(cluster, n);
        for (int i = 0; i < browsers.size(); i++) {
            Reply login = browsers.get(i).login("user-" + (i + 1), "de");
            if (login.status() != 200) {
                throw new IllegalStateException("login of user-" + (i + 1) + " failed: " + login + " " + login.body());
            }
        }
        return browsers;
    }

    /** Each browser asks "who am I?" once: how many got each status (200 logged in, 401 not, anything else a failure). */
    static Map<Integer, Long> statuses(List<Browser> browsers) {
        return browsers.stream()
                .map(browser -> browser.me().status())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
