package interviewlab.kafkapartitions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer that processes numbered records (50 ms each), run in a container so a test can kill it with kill -9
 * halfway. It prints {@code polled <n>} for each record a poll returned and {@code processed <n>} once it has
 * processed one. Each poll returns at most 10 records. Two ways to commit:
 * <ul>
 *   <li>{@code auto-commit}: auto-commit on, every 100 ms, and the records handed to a processing thread through a
 *       queue of 20, so polling goes on while they wait: once the interval has passed, a poll commits the position,
 *       everything polled so far, processed or not. The poll loop waits while the queue is full, so the position runs
 *       at most about 30 records ahead of the processing, and the kill lands with records still to poll.</li>
 *   <li>{@code commit-after-processing}: auto-commit off; each record is processed in the poll loop, then its
 *       offset committed.</li>
 * </ul>
 * Arguments: {@code <bootstrap servers> <group> <topic> <auto-commit|commit-after-processing>}. Prints {@code ready}
 * once it holds its partitions.
 */
public final class ProcessingWorker {
    private static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int RECORDS_PER_POLL = 10;
    private static final int WAITING_AT_MOST = 20;

    private ProcessingWorker() {}

    public static void main(String[] args) throws InterruptedException {
        boolean autoCommit = args[3].equals("auto-commit");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                ConsumerConfig.GROUP_ID_CONFIG,
                args[1],
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                autoCommit,
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
                100,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                RECORDS_PER_POLL,
                // the broker's minimum: after the kill, the group gives up on this member in 6 s instead of 45
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                1_000);
        BlockingQueue<ConsumerRecord<String, String>> handOff = new ArrayBlockingQueue<>(WAITING_AT_MOST);
        if (autoCommit) {
            Thread processor = new Thread(() -> processEach(handOff), "processor");
            processor.setDaemon(true);
            processor.start();
        }
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
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
                        handOff.put(
                                record); // waits while 20 are waiting; a later poll() commits its offset, processed or
                        // not
                    } else {
                        process(record);
                        consumer.commitSync(Map.of(
                                new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                    }
                    // end-snippet
                }
            }
        }
    }

    private static void processEach(BlockingQueue<ConsumerRecord<String, String>> handOff) {
        try {
            while (true) {
                process(handOff.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
