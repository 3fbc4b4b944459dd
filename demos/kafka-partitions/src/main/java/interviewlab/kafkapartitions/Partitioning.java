package interviewlab.kafkapartitions;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where the producer puts a keyed record when nobody chose a partition or a partitioner. */
public final class Partitioning {
    private Partitioning() {
    }

    /**
     * The formula of kafka-clients' built-in partitioner ({@code BuiltInPartitioner.partitionForKey}), with Kafka's
     * own murmur2: a hash of the serialized key, made non-negative, modulo the topic's partition count.
     */
    // snippet:partition-for-key
    public static int partitionFor(String key, int partitions) {
        byte[] serializedKey = key.getBytes(StandardCharsets.UTF_8);   // what StringSerializer sends
        return Utils.toPositive(Utils.murmur2(serializedKey)) % partitions;
    }
    // end-snippet
}
