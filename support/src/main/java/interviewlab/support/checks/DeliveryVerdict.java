package interviewlab.support.checks;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The verdict over a {@link DeliveryHistory}, in the terms delivery guarantees are stated in.
 *
 * @param sent how many messages were sent
 * @param received how many deliveries arrived, duplicates included
 * @param lost ids sent and never received
 * @param duplicated ids received more than once, with how many times
 * @param reordered deliveries that arrived after a later-sent id had already arrived (first deliveries only)
 * @param unexpected ids received that were never sent
 */
public record DeliveryVerdict(
        int sent,
        int received,
        SortedSet<Long> lost,
        SortedMap<Long, Integer> duplicated,
        int reordered,
        SortedSet<Long> unexpected) {

    static DeliveryVerdict of(List<Long> sent, List<Long> received) {
        Map<Long, Integer> sendOrder = new TreeMap<>();
        for (long id : sent) {
            sendOrder.putIfAbsent(id, sendOrder.size());
        }
        SortedMap<Long, Integer> timesReceived = new TreeMap<>();
        SortedSet<Long> unexpected = new TreeSet<>();
        Set<Long> seen = new HashSet<>();
        int reordered = 0;
        int latestPosition = -1;
        for (long id : received) {
            timesReceived.merge(id, 1, Integer::sum);
            Integer position = sendOrder.get(id);
            if (position == null) {
                unexpected.add(id);
            } else if (seen.add(id)) {
                if (position < latestPosition) {
                    reordered++;
                }
                latestPosition = Math.max(latestPosition, position);
            }
        }
        SortedSet<Long> lost = new TreeSet<>(sendOrder.keySet());
        lost.removeAll(timesReceived.keySet());
        SortedMap<Long, Integer> duplicated = new TreeMap<>();
        timesReceived.forEach((id, times) -> {
            if (times > 1) {
                duplicated.put(id, times);
            }
        });
        return new DeliveryVerdict(sent.size(), received.size(), lost, duplicated, reordered, unexpected);
    }

    /** At least once: nothing sent went missing. */
    public boolean nothingLost() {
        return lost.isEmpty();
    }

    /** At most once: nothing arrived twice. */
    public boolean noDuplicates() {
        return duplicated.isEmpty();
    }

    /** One line for narration and assertion messages. */
    public String summary() {
        return String.format(
                "sent %d, received %d: %d lost, %d duplicated, %d out of order%s",
                sent,
                received,
                lost.size(),
                duplicated.size(),
                reordered,
                unexpected.isEmpty() ? "" : ", " + unexpected.size() + " never sent");
    }

    @Override
    public String toString() {
        return summary();
    }
}
