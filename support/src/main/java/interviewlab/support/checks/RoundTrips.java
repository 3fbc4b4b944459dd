package interviewlab.support.checks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import redis.clients.jedis.Jedis;

/** One message through each broker and back: the smallest proof that a broker does its work. */
public final class RoundTrips {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RoundTrips() {}

    /** LPUSH onto a list, BRPOP it off; returns what was popped. */
    public static String redis(Jedis client, String message) {
        String list = "round-trip-" + UUID.randomUUID();
        client.lpush(list, message);
        List<String> popped = client.brpop((int) WAIT.toSeconds(), list);
        return popped == null ? null : popped.get(1);
    }

    /** Publishes to a new queue and gets the message back; returns its body. */
    public static String rabbitMq(ConnectionFactory factory, String message) throws Exception {
        try (Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, message.getBytes(StandardCharsets.UTF_8));
            GetResponse response = Awaitility.await("the message in " + queue)
                    .atMost(WAIT)
                    .until(() -> channel.basicGet(queue, true), got -> got != null);
            return new String(response.getBody(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Produces one record to the topic and waits for the broker's acknowledgement. Timeouts are short and
     * there are no long retries: a broker that is not ready yet fails this instead of being waited for.
     */
    public static void kafkaProduce(String bootstrapServers, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    /** Reads the topic from the beginning, as a new consumer group, until {@code count} records have come. */
    public static List<String> kafkaConsume(String bootstrapServers, String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            // A KafkaConsumer is not thread-safe: poll it on this thread, the one that closes it.
            Awaitility.await(count + " records from " + topic)
                    .atMost(WAIT)
                    .pollInSameThread()
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            values.add(record.value());
                        }
                        return values.size() >= count;
                    });
        }
        return values;
    }

    /** Produces one record to a new topic and consumes it; returns what was consumed. */
    public static String kafka(String bootstrapServers, String message) throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        kafkaProduce(bootstrapServers, topic, message);
        return kafkaConsume(bootstrapServers, topic, 1).get(0);
    }
}
