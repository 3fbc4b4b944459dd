package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.RoundTrips;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import org.junit.jupiter.api.Test;

class KafkaServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedKafkaTakesARecordAndGivesItBack() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            assertThat(RoundTrips.kafka(kafka.bootstrapServers(), "hello")).as("the ready broker gives back the record produced").isEqualTo("hello");
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
            assertThat(kafka.getMappedPort(KafkaService.PORT)).as("the restarted broker has a new host port").isNotEqualTo(portBefore);

            // then: clients reach it on the new port, and the log still holds the first record
            RoundTrips.kafkaProduce(kafka.bootstrapServers(), "kept", "after restart");
            assertThat(RoundTrips.kafkaConsume(kafka.bootstrapServers(), "kept", 2))
                    .as("clients reach the restarted broker on its new port, and its log kept the first record")
                    .containsExactly("before restart", "after restart");
        }
    }
}
