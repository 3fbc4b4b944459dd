package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.MessageProperties;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RabbitMqService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Each cluster fits on a laptop: under 2 GiB, as docker stats shows it, formed and after a workload that makes every
 * node do its part (replicating records, messages, writes).
 */
class ClusterMemoryTest {
    private static final long BOUND = 2L << 30;
    private static final int WRITES = 20_000;
    private static final long CONFIRM_TIMEOUT_MILLIS = 60_000;

    @Test
    @Claim("TK-28")
    void theKafkaClusterStaysUnderTwoGibibytesAfterReplicatingAWorkload() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster()) {
            // given: the formed cluster (under the bound already), and a topic with 3 partitions of 3 replicas each, so
            // every broker leads one
            kafka.start();
            assertUnderTheBound(kafka);
            kafka.createTopic("load", 3, Map.of("min.insync.replicas", "2"));

            // when: 20,000 records of 1 KiB are acknowledged by all in-sync replicas
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                String value = "x".repeat(1024);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    sent.add(producer.send(new ProducerRecord<>("load", "key-" + i, value)));
                }
                for (Future<RecordMetadata> acknowledged : sent) {
                    acknowledged.get(); // a record that was not acknowledged fails the test here
                }
            }

            // then
            assertUnderTheBound(kafka);
        }
    }

    @Test
    @Claim("TK-28")
    void theRabbitMqClusterStaysUnderTwoGibibytesAfterReplicatingAWorkload() throws Exception {
        try (RabbitMqCluster rabbit = new RabbitMqCluster()) {
            // given: the formed cluster, and a quorum queue with a member on each node
            rabbit.start();
            assertUnderTheBound(rabbit);
            RabbitMqService first = rabbit.node(1);

            // when: 20,000 messages of 1 KiB are confirmed, each written by a majority of the queue's members
            first.onChannel(channel -> {
                channel.queueDeclare("load", true, false, false, Map.of("x-queue-type", "quorum"));
                channel.confirmSelect();
                byte[] body = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < WRITES; i++) {
                    channel.basicPublish("", "load", MessageProperties.PERSISTENT_BASIC, body);
                }
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
                return null;
            });

            // then
            assertUnderTheBound(rabbit);
        }
    }

    @Test
    @Claim("TK-28")
    void theRedisClusterStaysUnderTwoGibibytesAfterReplicatingAWorkload() {
        try (RedisSentinelCluster redis = new RedisSentinelCluster()) {
            // given: the formed cluster
            redis.start();
            assertUnderTheBound(redis);

            // when: 20,000 values of 1 KiB are written on the primary and WAIT 2 reports both replicas have them
            try (Jedis client = redis.primary().client()) {
                String value = "x".repeat(1024);
                for (int i = 0; i < WRITES; i++) {
                    client.set("key-" + i, value);
                }
                assertThat(client.waitReplicas(2, CONFIRM_TIMEOUT_MILLIS))
                        .as("both replicas have the workload")
                        .isEqualTo(2);
            }

            // then
            assertUnderTheBound(redis);
        }
    }

    private static void assertUnderTheBound(LabCluster cluster) {
        Map<String, Long> byNode = ClusterMemory.byNode(cluster);
        long total = byNode.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s: %d MiB in all; %s%n", cluster.description(), total >> 20, byNode);
        assertThat(byNode.values())
                .as("every node of %s reports a real figure, above 1 MiB (%s)", cluster.description(), byNode)
                .allMatch(bytes -> bytes > 1L << 20);
        assertThat(total)
                .as("%s uses under 2 GiB in all, as docker stats shows it (%s)", cluster.description(), byNode)
                .isLessThan(BOUND);
    }
}
