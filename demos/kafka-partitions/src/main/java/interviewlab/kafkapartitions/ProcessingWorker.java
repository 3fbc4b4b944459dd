package interviewlab.kafkapartitions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer that processes numbered records (20 ms each), run in a container so a test can kill it with kill -9
 * halfway. It prints {@code polled <n>} for each record a poll returned and {@code processed <n>} once it has
 * processed one. Two ways to commit:
 * <ul>
 *   <li>{@code auto-commit}: auto-commit on, every 100 ms, and the records handed to a worker thread, so polling goes
 *       on while they wait: once the interval has passed, a poll commits the position, everything polled so far,
 *       processed or not.</li>
 *   <li>{@code commit-after-processing}: auto-commit off; each record is processed in the poll loop, then its
 *       offset committed.</li>
 * </ul>
 * Arguments: {@code <bootstrap servers> <group> <topic> <auto-commit|commit-after-processing>}. Prints {@code ready}
 * once it holds its partitions.
 */
public final class ProcessingWorker {
    private static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private ProcessingWorker() {
    }

    public static void main(String[] args) {
        boolean autoCommit = args[3].equals("auto-commit");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, args[1],
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommit,
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 100,
                // the broker's minimum: after the kill, the group gives up on this member in 6 s instead of 45
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        ExecutorService processor = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(args[2]));
            boolean ready = false;
            while (true) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!ready && !consumer.assignment().isEmpty()) {
                    ready = true;
                    say("ready");
                }
                for (ConsumerRecord<String, String> record : records) {
                    say("polled " + record.value());
                    // snippet:auto-commit-async-processing
                    if (autoCommit) {
                        processor.execute(() -> process(record));   // a later poll() commits its offset, processed or not
                    } else {
                        process(record);
                        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
                    }
                    // end-snippet
                }
            }
        }
    }

    private static void process(ConsumerRecord<String, String> record) {
        LockSupport.parkNanos(WORK_NANOS);
        say("processed " + record.value());
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
