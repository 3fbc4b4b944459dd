package interviewlab.kafkapartitions;

import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.WakeupException;
import org.awaitility.Awaitility;

/**
 * One consumer of a group, polling on its own thread as a real consumer process would, and recording what it was
 * assigned and what it received. A KafkaConsumer is single-threaded: only the polling thread touches it, except for
 * {@code wakeup()}, which is how {@link #close()} stops it.
 */
public final class GroupMember implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final Set<Integer> assigned = new TreeSet<>();
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<Set<Integer>> revocations = new CopyOnWriteArrayList<>();
    private final Duration workPerRecord;
    private volatile boolean closing;

    private GroupMember(String name, KafkaConsumer<String, String> consumer, String topic, Duration workPerRecord) {
        this.name = name;
        this.consumer = consumer;
        this.workPerRecord = workPerRecord;
        this.poller = new Thread(() -> pollUntilClosed(topic), name);
    }

    /** Starts a consumer that subscribes to {@code topic} as a member of {@code group}. */
    public static GroupMember join(
            KafkaService kafka, String group, String topic, String name, Map<String, Object> overrides) {
        return join(kafka, group, topic, name, overrides, Duration.ZERO);
    }

    /** The same, spending {@code workPerRecord} on each record it receives, as a consumer that does real work would. */
    public static GroupMember join(
            KafkaService kafka,
            String group,
            String topic,
            String name,
            Map<String, Object> overrides,
            Duration workPerRecord) {
        GroupMember member =
                new GroupMember(name, KafkaClients.consumer(kafka, group, overrides), topic, workPerRecord);
        member.poller.start();
        return member;
    }

    public String name() {
        return name;
    }

    /** The partitions of the topic this member holds now, in order. */
    public Set<Integer> partitions() {
        synchronized (assigned) {
            return Collections.unmodifiableSet(new TreeSet<>(assigned));
        }
    }

    /** The partitions taken from this member at each rebalance that took any, in order. */
    public List<Set<Integer>> revocations() {
        return List.copyOf(revocations);
    }

    /** Every record this member received (and worked on), in the order it received them. */
    public List<ConsumerRecord<String, String>> received() {
        return List.copyOf(received);
    }

    private void pollUntilClosed(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        revocations.add(partitions.stream()
                                .map(TopicPartition::partition)
                                .collect(Collectors.toCollection(TreeSet::new)));
                    }
                    change(partitions, false);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    change(partitions, true);
                }
            });
            while (!closing) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    LockSupport.parkNanos(workPerRecord.toNanos());
                    received.add(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up: leave the loop
        } finally {
            consumer.close(); // a clean close: the member leaves the group
        }
    }

    private void change(Collection<TopicPartition> partitions, boolean add) {
        Set<Integer> numbers =
                partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        synchronized (assigned) {
            if (add) {
                assigned.addAll(numbers);
            } else {
                assigned.removeAll(numbers);
            }
        }
    }

    /**
     * Waits until the group has settled: the broker lists all the members in a stable group, and they hold every one
     * of the topic's {@code partitions}, each partition once, shared out evenly (each holds the partition count divided
     * by the member count, rounded down or up, as every assignor does for one topic).
     */
    public static void awaitSettled(KafkaService kafka, String group, List<GroupMember> members, int partitions) {
        int fewest = partitions / members.size();
        int most = (partitions + members.size() - 1) / members.size();
        awaitStable(kafka, group, members.size());
        Awaitility.await("the group has settled")
                .atMost(KafkaClients.WAIT)
                .until(() -> members.stream()
                                .allMatch(member -> member.partitions().size() >= fewest
                                        && member.partitions().size() <= most)
                        && members.stream()
                                        .mapToInt(member -> member.partitions().size())
                                        .sum()
                                == partitions
                        && members.stream()
                                        .flatMap(member -> member.partitions().stream())
                                        .distinct()
                                        .count()
                                == partitions);
    }

    /** Waits until the broker describes the group as stable, with {@code memberCount} members. */
    public static void awaitStable(KafkaService kafka, String group, int memberCount) {
        try (Admin admin = KafkaClients.admin(kafka)) {
            Awaitility.await("the broker lists " + memberCount + " members in a stable group")
                    .atMost(KafkaClients.WAIT)
                    .until(() -> {
                        ConsumerGroupDescription description;
                        try {
                            description = admin.describeConsumerGroups(List.of(group))
                                    .describedGroups()
                                    .get(group)
                                    .get();
                        } catch (ExecutionException e) {
                            if (e.getCause() instanceof GroupIdNotFoundException) {
                                return false; // no member has reached the broker yet (how a consumer-protocol group
                                // answers)
                            }
                            throw e;
                        }
                        return description.groupState() == GroupState.STABLE
                                && description.members().size() == memberCount;
                    });
        }
    }

    /** Leaves the group cleanly and waits until the consumer is closed. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        poller.join(KafkaClients.WAIT.toMillis());
        if (poller.isAlive()) {
            throw new IllegalStateException(name + " did not close within " + KafkaClients.WAIT.toSeconds() + " s");
        }
    }
}
