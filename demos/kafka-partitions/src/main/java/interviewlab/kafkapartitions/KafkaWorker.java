package interviewlab.kafkapartitions;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer group member as a process of its own, in a container, so a test can kill it with kill -9, freeze it, or
 * stop it with SIGTERM. On SIGTERM it closes its consumer, which leaves the group.
 *
 * <p>Arguments: {@code <bootstrap servers> <group> <topic> <session.timeout.ms> <heartbeat.interval.ms>}. Prints {@code assigned <partitions>}
 * and {@code revoked <partitions>} at each rebalance, and {@code left the group} after a clean close.
 */
public final class KafkaWorker {
    private KafkaWorker() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                ConsumerConfig.GROUP_ID_CONFIG,
                args[1],
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Integer.parseInt(args[3]),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Integer.parseInt(args[4]));
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup(); // SIGTERM: end the poll loop, which closes the consumer
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (consumer) {
            consumer.subscribe(List.of(args[2]), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    say("revoked "
                            + partitions.stream()
                                    .map(TopicPartition::partition)
                                    .sorted()
                                    .toList());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    say("assigned "
                            + partitions.stream()
                                    .map(TopicPartition::partition)
                                    .sorted()
                                    .toList());
                }
            });
            while (true) {
                consumer.poll(Duration.ofMillis(100));
            }
        } catch (WakeupException e) {
            // the shutdown hook woke us: closing the consumer (end of the try) leaves the group
        } finally {
            say("left the group");
            closed.countDown();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
