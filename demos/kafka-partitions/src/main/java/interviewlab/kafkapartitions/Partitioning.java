package interviewlab.kafkapartitions;

import interviewlab.support.observed.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/** Where the producer puts a keyed record when nobody chose a partition or a partitioner. */
public final class Partitioning {
    private Partitioning() {}

    /**
     * The formula of kafka-clients' built-in partitioner ({@code BuiltInPartitioner.partitionForKey}), with Kafka's
     * own murmur2: a hash of the serialized key, made non-negative, modulo the topic's partition count.
     */
    // snippet:partition-for-key
    public static int partitionFor(String key, int partitions) {
        byte[] serializedKey = key.getBytes(StandardCharsets.UTF_8); // what StringSerializer sends
        return Utils.toPositive(Utils.murmur2(serializedKey)) % partitions;
    }
    // end-snippet

    /**
     * KAF-1's checker over what the broker reported: all the records of each key on one partition, the one
     * {@link #partitionFor} gives.
     *
     * @param partitionsOfKey the partitions the broker wrote each key's records to
     */
    public static Verdict checkKeyed(Map<String, Set<Integer>> partitionsOfKey, int partitions) {
        List<String> misplaced = partitionsOfKey.entrySet().stream()
                .filter(key -> !key.getValue().equals(Set.of(partitionFor(key.getKey(), partitions))))
                .map(key -> key.getKey() + " on " + key.getValue() + " where the formula gives "
                        + partitionFor(key.getKey(), partitions))
                .sorted()
                .toList();
        return Verdict.holdsIf(
                misplaced.isEmpty(),
                "KAF-1",
                String.format(
                        "each of the %d keys had all its records on one partition, the one toPositive(murmur2(key)) %% %d gives",
                        partitionsOfKey.size(), partitions),
                String.format(
                        "%d of %d keys had records off the partition toPositive(murmur2(key)) %% %d gives: %s%s",
                        misplaced.size(),
                        partitionsOfKey.size(),
                        partitions,
                        String.join("; ", misplaced.subList(0, Math.min(5, misplaced.size()))),
                        misplaced.size() > 5 ? "; ..." : ""));
    }
}
