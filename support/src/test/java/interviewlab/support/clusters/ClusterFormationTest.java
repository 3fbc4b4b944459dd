package interviewlab.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import interviewlab.support.claims.Claim;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A cluster that does not form says, in one sentence, which node did not join and where that node's log is. */
class ClusterFormationTest {

    @Test
    @Claim("TK-29")
    void aClusterWhoseNodeDoesNotJoinNamesTheNodeAndItsLog() throws Exception {
        // given: a Kafka cluster whose broker 3 is told it is node 4, for which no log directory was formatted
        try (KafkaCluster kafka =
                new KafkaCluster(broker -> broker.nodeId() == 3 ? broker.withEnv("KAFKA_NODE_ID", "4") : broker)) {
            // when: it starts
            IllegalStateException failure = catchThrowableOfType(IllegalStateException.class, kafka::start);

            // then: one sentence names kafka-3 and a file holding kafka-3's own log
            assertThat(failure).as("the start fails").isNotNull();
            assertThat(failure.getMessage())
                    .as("the sentence names the node that did not join and where its log is")
                    .startsWith("kafka-3 did not join the kafka cluster within ")
                    .contains("its log: ")
                    .doesNotContain("\n");
            Path log =
                    Path.of(failure.getMessage().substring(failure.getMessage().indexOf("its log: ") + 9));
            assertThat(Files.readString(log))
                    .as("the named file holds kafka-3's log, with why it stopped")
                    .contains("node 4 is not a node of the lab's cluster");
        }
    }
}
