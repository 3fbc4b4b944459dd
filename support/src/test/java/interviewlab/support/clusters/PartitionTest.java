package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.Reachability;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabContainer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * A partition between the nodes of a cluster, here the 3-broker Kafka: it cuts exactly the links it names, both ways,
 * leaves every other link and every client on the host alone, and healing restores the links.
 */
class PartitionTest {

    @Test
    @Claim("TK-26")
    void aPartitionCutsExactlyTheLinksItNamesAndHealingRestoresThem() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster()) {
            // given: the formed cluster, where every node reaches every other
            kafka.start();
            KafkaService isolated = kafka.broker(1);
            List<LabContainer<?>> nodes = kafka.nodes();
            Map<String, Boolean> allConnect = expectedLinks(nodes, (from, to) -> true);
            assertThat(links(nodes))
                    .as("before the fault every node reaches every other: all 30 links connect")
                    .isEqualTo(allConnect);

            // when: broker 1 is partitioned from the other five nodes
            Map<String, Boolean> during;
            String clusterIdSeenFromTheHost;
            try (Fault partition = Faults.isolate(isolated, nodes)) {
                during = links(nodes);
                clusterIdSeenFromTheHost = clusterIdThrough(isolated);
            }

            // then: exactly the ten links between broker 1 and the others are cut, in both directions
            Map<String, Boolean> expected = expectedLinks(nodes, (from, to) -> from != isolated && to != isolated);
            assertThat(during)
                    .as("the partition cuts every link to and from kafka-1 and no other (true: connects)")
                    .isEqualTo(expected);
            assertThat(clusterIdSeenFromTheHost)
                    .as("a client on the host still reaches the partitioned broker, and it answers")
                    .isNotBlank();
            assertThat(links(nodes))
                    .as("healed, every node reaches every other again: all 30 links connect")
                    .isEqualTo(allConnect);
        }
    }

    /** For every ordered link between the nodes, by name, whether it connects to its target's cluster port. */
    private static Map<String, Boolean> links(List<LabContainer<?>> nodes) {
        Map<String, Boolean> links = new TreeMap<>();
        Reachability.links(nodes, KafkaCluster::peerPort).forEach(link -> links.put(link.name(), link.connects()));
        return links;
    }

    /** Every ordered link between the nodes, by name, with whether it should connect. */
    private static Map<String, Boolean> expectedLinks(
            List<LabContainer<?>> nodes, BiPredicate<LabContainer<?>, LabContainer<?>> connects) {
        Map<String, Boolean> links = new TreeMap<>();
        for (LabContainer<?> from : nodes) {
            for (LabContainer<?> to : nodes) {
                if (from != to) {
                    links.put(link(from, to), connects.test(from, to));
                }
            }
        }
        return links;
    }

    private static String link(LabContainer<?> from, LabContainer<?> to) {
        return from.serviceName() + " -> " + to.serviceName();
    }

    /** The cluster id, asked of this broker alone through its host port: any answer means the host reaches it. */
    private static String clusterIdThrough(KafkaService broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000))) {
            return admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        }
    }
}
