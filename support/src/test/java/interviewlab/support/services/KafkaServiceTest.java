package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.faults.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.Test;

class KafkaServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedKafkaTakesARecordAndGivesItBack() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            produce(kafka, "greetings", "hello");
            assertThat(consumeAll(kafka, "greetings", 1)).as("the record produced is consumed").containsExactly("hello");
        }
    }

    @Test
    @Claim("TK-7")
    void afterAGracefulRestartKafkaAdvertisesItsNewPortAndKeepsItsRecords() throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            produce(kafka, "kept", "before restart");

            Faults.restartGracefully(kafka);

            produce(kafka, "kept", "after restart");
            assertThat(consumeAll(kafka, "kept", 2)).as("clients reach the restarted broker on its new port, and its log kept the first record")
                    .containsExactly("before restart", "after restart");
        }
    }

    private static void produce(KafkaService kafka, String topic, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    private static List<String> consumeAll(KafkaService kafka, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await("records from " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
