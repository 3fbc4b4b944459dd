package interviewlab.kafkapartitions;

import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/**
 * Which of a topic's partitions each member of a consumer group holds, as the members heard it from the group's
 * coordinator. {@link #check()} is KAF-5's checker, which ConsumerGroupTest and the demo share.
 *
 * @param partitions the topic's partition count
 * @param partitionsOfMember each member's partitions, in the order the members joined
 */
public record Assignment(int partitions, Map<String, Set<Integer>> partitionsOfMember) {

    /**
     * Waits until the broker lists the members in a stable group and they have heard partitions assigned, as many as
     * the topic has, then reads who holds what. It waits for no particular assignment: the check judges it.
     */
    public static Assignment awaitAssigned(
            KafkaService kafka, String group, List<GroupMember> members, int partitions) {
        GroupMember.awaitStable(kafka, group, members.size());
        Awaitility.await("each member has heard its assignment")
                .atMost(KafkaClients.WAIT)
                .until(() -> members.stream()
                                .mapToInt(member -> member.partitions().size())
                                .sum()
                        >= partitions);
        Map<String, Set<Integer>> held = new LinkedHashMap<>();
        members.forEach(member -> held.put(member.name(), member.partitions()));
        return new Assignment(partitions, Collections.unmodifiableMap(held));
    }

    /** Every partition some member holds. */
    public Set<Integer> assigned() {
        return partitionsOfMember.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The members holding no partition. */
    public List<String> idle() {
        return partitionsOfMember.entrySet().stream()
                .filter(member -> member.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * KAF-5: every partition held by exactly one member, so members beyond the partition count hold none. With 4
     * members on 3 partitions: 3 hold one each, the fourth is idle.
     */
    public Verdict check() {
        Set<Integer> all = IntStream.range(0, partitions).boxed().collect(Collectors.toCollection(TreeSet::new));
        int holdings = partitionsOfMember.values().stream().mapToInt(Set::size).sum();
        boolean eachPartitionOnce = assigned().equals(all) && holdings == partitions;
        int beyondThePartitionCount = Math.max(0, partitionsOfMember.size() - partitions);
        return Verdict.holdsIf(
                eachPartitionOnce && idle().size() == beyondThePartitionCount,
                "KAF-5",
                String.format(
                        "%d consumers of one group on %d partitions: each partition held by exactly one of them, %d idle (%s)",
                        partitionsOfMember.size(), partitions, idle().size(), this),
                String.format(
                        "%d consumers of one group on %d partitions: expected each partition held once and %d idle, observed %s",
                        partitionsOfMember.size(), partitions, beyondThePartitionCount, this));
    }

    /** As "consumer-1 [0], consumer-2 [1], consumer-3 idle". */
    @Override
    public String toString() {
        return partitionsOfMember.entrySet().stream()
                .map(member -> member.getKey() + " " + (member.getValue().isEmpty() ? "idle" : member.getValue()))
                .collect(Collectors.joining(", "));
    }
}
