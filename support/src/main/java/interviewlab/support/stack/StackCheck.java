package interviewlab.support.stack;

import com.rabbitmq.client.ConnectionFactory;
import interviewlab.support.checks.RoundTrips;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import redis.clients.jedis.Jedis;

/**
 * Run by ./lab test once the compose stack is healthy: one message through each broker, on the host ports
 * given (Redis, RabbitMQ, Kafka). Exits 1 if any broker does not give its message back.
 */
public final class StackCheck {
    private static final String HOST = "127.0.0.1";
    private static final String MESSAGE = "through the compose stack";

    public static void main(String[] args) {
        if (args.length != 3 || !String.join("", args).matches("\\d+")) {
            System.err.println("usage: StackCheck <redis port> <rabbitmq port> <kafka port>");
            System.exit(2);
        }
        int redisPort = Integer.parseInt(args[0]);
        int rabbitMqPort = Integer.parseInt(args[1]);
        int kafkaPort = Integer.parseInt(args[2]);
        Narrator narrator = new Narrator();
        narrator.scenario("The compose stack: one message through each broker");
        boolean allThrough = check(narrator, "redis", () -> {
            try (Jedis client = new Jedis(HOST, redisPort)) {
                return RoundTrips.redis(client, MESSAGE);
            }
        });
        allThrough &= check(narrator, "rabbitmq", () -> {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(HOST);
            factory.setPort(rabbitMqPort);
            return RoundTrips.rabbitMq(factory, MESSAGE);
        });
        allThrough &= check(narrator, "kafka", () -> RoundTrips.kafka(HOST + ":" + kafkaPort, MESSAGE));
        narrator.verdict(Verdict.holdsIf(
                allThrough,
                "stack",
                "every broker of the stack took a message and gave it back",
                "a broker of the stack did not give its message back (see above)"));
        System.exit(allThrough ? 0 : 1);
    }

    private interface RoundTrip {
        String run() throws Exception;
    }

    private static boolean check(Narrator narrator, String broker, RoundTrip roundTrip) {
        try {
            String back = roundTrip.run();
            boolean through = MESSAGE.equals(back);
            narrator.say(broker, through ? "sent a message and got it back" : "gave back '%s' instead", back);
            return through;
        } catch (Exception e) {
            narrator.say(broker, "failed: %s", e);
            return false;
        }
    }
}
