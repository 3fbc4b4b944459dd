package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.RoundTrips;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class KafkaServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedKafkaTakesARecordAndGivesItBack() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            assertThat(RoundTrips.kafka(kafka.bootstrapServers(), "hello"))
                    .as("the ready broker gives back the record produced")
                    .isEqualTo("hello");
        }
    }

    @Test
    @Claim("TK-7")
    void afterAGracefulRestartKafkaAdvertisesItsNewPortAndKeepsItsRecords() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            // given: a record in the log
            kafka.start();
            RoundTrips.kafkaProduce(kafka.bootstrapServers(), "kept", "before restart");
            int portBefore = kafka.getMappedPort(KafkaService.PORT);

            // when: the broker stops cleanly and the same container starts again, on a new host port
            Faults.restartGracefully(kafka);
            int portAfter = kafka.getMappedPort(KafkaService.PORT);
            assertThat(portAfter).as("the restarted broker has a new host port").isNotEqualTo(portBefore);
            assertThat(advertisedPorts(kafka))
                    .as("the broker tells clients to connect to its new host port")
                    .containsExactly(portAfter);

            // then: clients reach it on the new port, and the log still holds the first record
            RoundTrips.kafkaProduce(kafka.bootstrapServers(), "kept", "after restart");
            assertThat(RoundTrips.kafkaConsume(kafka.bootstrapServers(), "kept", 2))
                    .as("clients reach the restarted broker on its new port, and its log kept the first record")
                    .containsExactly("before restart", "after restart");
        }
    }

    /** The ports of the brokers in the cluster metadata: where the broker tells a client to connect. */
    private static List<Integer> advertisedPorts(KafkaService kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                    .map(Node::port)
                    .toList();
        }
    }
}
