package interviewlab.kafkapartitions;

import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
    private volatile boolean closing;

    private GroupMember(String name, KafkaConsumer<String, String> consumer, String topic) {
        this.name = name;
        this.consumer = consumer;
        this.poller = new Thread(() -> pollUntilClosed(topic), name);
    }

    /** Starts a consumer that subscribes to {@code topic} as a member of {@code group}. */
    public static GroupMember join(KafkaService kafka, String group, String topic, String name, Map<String, Object> overrides) {
        GroupMember member = new GroupMember(name, KafkaClients.consumer(kafka, group, overrides), topic);
        member.poller.start();
        return member;
    }

    public String name() {
        return name;
    }

    /** The partitions of the topic this member holds now. */
    public Set<Integer> partitions() {
        synchronized (assigned) {
            return Set.copyOf(assigned);
        }
    }

    /** Every record this member received, in the order it received them. */
    public List<ConsumerRecord<String, String>> received() {
        return List.copyOf(received);
    }

    private void pollUntilClosed(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    change(partitions, false);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    change(partitions, true);
                }
            });
            while (!closing) {
                consumer.poll(POLL).forEach(received::add);
            }
        } catch (WakeupException e) {
            // close() woke the poll up: leave the loop
        } finally {
            consumer.close();   // a clean close: the member leaves the group
        }
    }

    private void change(Collection<TopicPartition> partitions, boolean add) {
        Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        synchronized (assigned) {
            if (add) {
                assigned.addAll(numbers);
            } else {
                assigned.removeAll(numbers);
            }
        }
    }

    /** Waits until the members hold every one of the topic's {@code partitions}, each partition once: the group has settled. */
    public static void awaitSettled(List<GroupMember> members, int partitions) {
        Awaitility.await("the group has settled").atMost(KafkaClients.WAIT).until(() ->
                members.stream().mapToInt(member -> member.partitions().size()).sum() == partitions
                        && members.stream().flatMap(member -> member.partitions().stream()).distinct().count() == partitions);
    }

    /** Leaves the group cleanly and waits until the consumer is closed. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        poller.join(KafkaClients.WAIT.toMillis());
    }
}
