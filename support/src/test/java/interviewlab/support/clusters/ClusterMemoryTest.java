package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Each cluster fits on a laptop: under 2 GiB, as docker stats shows it, formed and after a workload that makes every
 * node do its part (replicating records, messages, writes).
 */
class ClusterMemoryTest {
    private static final long BOUND = 2L << 30;
    private static final int WRITES = 20_000;

    @Test
    @Claim("TK-28")
    void theKafkaClusterStaysUnderTwoGibibytesAfterReplicatingAWorkload() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster()) {
            // given: the formed cluster, and a topic with 3 partitions of 3 replicas each, so every broker leads one
            kafka.start();
            kafka.createTopic("load", 3, Map.of("min.insync.replicas", "2"));

            // when: 20,000 records of 1 KiB are acknowledged by all in-sync replicas
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                String value = "x".repeat(1024);
                for (int i = 0; i < WRITES; i++) {
                    producer.send(new ProducerRecord<>("load", "key-" + i, value));
                }
                producer.flush();
            }

            // then
            assertUnderTheBound(kafka);
        }
    }

    private static void assertUnderTheBound(LabCluster cluster) {
        Map<String, Long> byNode = ClusterMemory.byNode(cluster);
        long total = byNode.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s: %d MiB in all; %s%n", cluster.description(), total >> 20, byNode);
        assertThat(total)
                .as("%s uses under 2 GiB in all, as docker stats shows it (%s)", cluster.description(), byNode)
                .isLessThan(BOUND);
    }
}
