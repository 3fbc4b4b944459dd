package interviewlab.redisvsrabbitmq;

import interviewlab.redisvsrabbitmq.sidebyside.Setup;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.LabImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Does Redis guarantee delivery like RabbitMQ? The same story for every setup (1,000 numbered messages,
 * the consumer killed at a random point, the broker restarted, a new consumer taking over), then what each
 * guarantee costs in throughput.
 */
public final class Demo {
    private static final int MESSAGES = 1_000;

    public static void main(String[] args) throws Exception {
        Narrator narrator = new Narrator();
        SideBySide sideBySide = new SideBySide(narrator);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("setup", "guarantee", "killed after", "sent", "processed", "lost", "duplicated"));
        for (Setup setup : Setup.values()) {
            int killAfter = ThreadLocalRandom.current().nextInt(100, 501);
            SideBySide.Result result = sideBySide.run(setup, MESSAGES, killAfter);
            table.add(List.of(setup.label(), setup.guarantee(), String.valueOf(killAfter), String.valueOf(result.verdict().sent()),
                    String.valueOf(result.verdict().received()), String.valueOf(result.verdict().lost().size()),
                    String.valueOf(result.verdict().duplicated().size())));
        }
        narrator.scenario(String.format("Side by side: %d messages, consumer killed with kill -9, broker restarted (Redis %s, RabbitMQ %s)",
                MESSAGES, LabImages.REDIS.version(), LabImages.RABBITMQ.version()));
        narrator.table(table);

        narrator.scenario(String.format("What durability costs: %,d messages from one producer", Throughput.MESSAGES));
        List<List<String>> rates = new ArrayList<>();
        rates.add(List.of("broker", "durability", "messages/s"));
        for (Throughput.Measurement measurement : Throughput.measure()) {
            narrator.say("producer", "%s, %s: %,.0f messages/s", measurement.broker(), measurement.durability(), measurement.messagesPerSecond());
            rates.add(List.of(measurement.broker(), measurement.durability(), String.format(Locale.ROOT, "%,.0f", measurement.messagesPerSecond())));
        }
        narrator.table(rates);
        narrator.verdict("only the at-least-once setups lost nothing, and they are the ones that pay for it");
    }

    private Demo() {
    }
}
