package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.KafkaControllerService;
import interviewlab.support.services.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The lab's 3-broker Kafka: it forms, it replicates, and its leader helpers say what Kafka's own tools say. */
class KafkaClusterTest {
    private static final int RECORDS = 100;
    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> ORDER_IDS =
            IntStream.range(0, RECORDS).mapToObj(i -> "order-" + i).toList();

    @Test
    @Claim("TK-23")
    void theClusterFormsWithItsFeatureLevelsAndAnAcknowledgedRecordOutlivesItsLeader() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster()) {
            // given: the cluster, started
            kafka.start();
            System.out.printf(
                    "%s formed in %.1f s%n",
                    kafka.description(), kafka.startUpTime().toMillis() / 1000.0);

            // then: three voters with a leader among them, three brokers, and the feature levels fixed at format time
            QuorumInfo quorum;
            Set<Integer> brokerIds;
            try (var admin = kafka.admin()) {
                quorum = admin.describeMetadataQuorum().quorumInfo().get();
                brokerIds = admin.describeCluster().nodes().get().stream()
                        .map(Node::id)
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertThat(quorum.voters())
                    .extracting(QuorumInfo.ReplicaState::replicaId)
                    .as("the metadata quorum has exactly the three controllers as voters")
                    .containsExactlyInAnyOrder(101, 102, 103);
            assertThat(quorum.leaderId()).as("one of them leads it").isIn(101, 102, 103);
            assertThat(brokerIds)
                    .as("the cluster lists exactly the three brokers")
                    .containsExactly(1, 2, 3);
            assertThat(kafka.finalizedFeatures())
                    .as("the feature levels of release 4.4-IV2, fixed at format time: metadata.version 33, the "
                            + "eligible-leader-replicas election rules (KIP-966) on, and no kraft.version (a static "
                            + "quorum, level 0, which the API leaves out)")
                    .isEqualTo(Map.of(
                            "metadata.version", (short) 33,
                            "eligible.leader.replicas.version", (short) 1,
                            "transaction.version", (short) 2,
                            "group.version", (short) 1,
                            "share.version", (short) 2,
                            "streams.version", (short) 1));

            // when: 100 records are acknowledged by all three in-sync replicas (acks=all), written through the
            // partition's leader alone, and the leader is then killed
            // snippet:kafka-failover
            kafka.createTopic(ORDERS.topic(), 1, Map.of("min.insync.replicas", "2"));
            KafkaService leader = kafka.awaitLeader(ORDERS, any -> true, FAILOVER_TIMEOUT);
            kafka.awaitInSyncReplicas(ORDERS, 3, FAILOVER_TIMEOUT);
            produce(leader.bootstrapServers());
            Faults.killNine(leader);

            // then: another broker leads, and it has exactly the 100
            KafkaService newLeader = kafka.awaitLeader(ORDERS, broker -> broker != leader, FAILOVER_TIMEOUT);
            // end-snippet
            assertThat(consumeAll(newLeader.bootstrapServers()))
                    .as(
                            "the 100 records acknowledged through broker %d are read, exactly, from broker %d, which "
                                    + "leads after broker %d was killed: it had them",
                            leader.nodeId(), newLeader.nodeId(), leader.nodeId())
                    .containsExactlyElementsOf(ORDER_IDS);

            // and: started again, the killed broker catches up into the ISR, and once it leads again (a preferred
            // leader election: it is the partition's first replica) it serves the 100 itself, on the host port it has
            // after its restart
            Faults.startAgain(leader);
            kafka.awaitInSyncReplicas(ORDERS, 3, FAILOVER_TIMEOUT);
            try (var admin = kafka.admin()) {
                admin.electLeaders(ElectionType.PREFERRED, Set.of(ORDERS)).all().get();
            }
            kafka.awaitLeader(ORDERS, broker -> broker == leader, FAILOVER_TIMEOUT);
            assertThat(consumeAll(leader.bootstrapServers()))
                    .as(
                            "broker %d, restarted and leading again, serves the same 100 records on port %d",
                            leader.nodeId(), leader.getMappedPort(KafkaService.PORT))
                    .containsExactlyElementsOf(ORDER_IDS);
        }
    }

    @Test
    @Claim("TK-27")
    void theLeaderHelpersNameTheLeadersKafkasOwnToolsName() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster()) {
            // given: the cluster and a topic with 3 replicas
            kafka.start();
            kafka.createTopic(ORDERS.topic(), 1, Map.of());
            KafkaService leader = kafka.awaitLeader(ORDERS, any -> true, FAILOVER_TIMEOUT);
            KafkaControllerService quorumLeader = kafka.quorumLeader();

            // then: kafka-topics and kafka-metadata-quorum, run in a broker, name the same nodes
            KafkaService toolHost = kafka.broker(leader.nodeId() % 3 + 1);
            assertThat(topicsToolLeader(toolHost))
                    .as("kafka-topics --describe names the partition leader that leaderOf() names")
                    .isEqualTo(leader.nodeId());
            assertThat(quorumToolLeader(toolHost))
                    .as("kafka-metadata-quorum describe --status names the quorum leader that quorumLeader() names")
                    .isEqualTo(quorumLeader.nodeId());

            // when: the partition's leader and the quorum's leader are killed
            Faults.killNine(leader);
            Faults.killNine(quorumLeader);

            // then: the helpers name new leaders, and the tools agree
            KafkaService newLeader = kafka.awaitLeader(ORDERS, broker -> broker != leader, FAILOVER_TIMEOUT);
            KafkaControllerService newQuorumLeader =
                    kafka.awaitQuorumLeader(controller -> controller != quorumLeader, FAILOVER_TIMEOUT);
            assertThat(newLeader).as("a surviving broker leads").isNotSameAs(leader);
            assertThat(topicsToolLeader(toolHost))
                    .as("kafka-topics names the new partition leader that awaitLeader() returned")
                    .isEqualTo(newLeader.nodeId());
            assertThat(quorumToolLeader(toolHost))
                    .as("kafka-metadata-quorum names the new quorum leader that awaitQuorumLeader() returned")
                    .isEqualTo(newQuorumLeader.nodeId())
                    .isNotEqualTo(quorumLeader.nodeId());
        }
    }

    private static void produce(String bootstrapServers) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(ORDERS.topic(), "order-" + i))
                        .get();
            }
        }
    }

    private static List<String> consumeAll(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(ORDERS));
            consumer.seekToBeginning(List.of(ORDERS));
            Awaitility.await("the consumer has read the partition to its end")
                    .atMost(FAILOVER_TIMEOUT)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
                        return consumer.position(ORDERS)
                                        >= consumer.endOffsets(List.of(ORDERS)).get(ORDERS)
                                && !read.isEmpty();
                    });
        }
        return read;
    }

    /** The "Leader: N" of kafka-topics --describe, run inside a broker. */
    private static int topicsToolLeader(KafkaService host) {
        return tool(host, "org.apache.kafka.tools.TopicCommand", "--describe", "--topic", ORDERS.topic())
                .group(1)
                .transform(Integer::parseInt);
    }

    /** The "LeaderId: N" of kafka-metadata-quorum describe --status, run inside a broker. */
    private static int quorumToolLeader(KafkaService host) {
        return tool(host, "org.apache.kafka.tools.MetadataQuorumCommand", "describe", "--status")
                .group(1)
                .transform(Integer::parseInt);
    }

    private static final Pattern TOPIC_LEADER = Pattern.compile("\\tLeader: (-?\\d+)");
    private static final Pattern QUORUM_LEADER = Pattern.compile("LeaderId:\\s+(\\d+)");

    private static Matcher tool(KafkaService host, String toolClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-cp",
                "/opt/kafka/libs/*",
                "-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties",
                toolClass,
                "--bootstrap-server",
                host.internalBootstrapServers()));
        command.addAll(List.of(arguments));
        String output = host.run(command.toArray(String[]::new));
        Matcher matcher = (toolClass.endsWith("TopicCommand") ? TOPIC_LEADER : QUORUM_LEADER).matcher(output);
        assertThat(matcher.find())
                .as("%s printed a leader:%n%s", toolClass, output)
                .isTrue();
        return matcher;
    }
}
