package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.narration.Narrator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.testcontainers.lifecycle.Startables;

/**
 * Runs every setting with both harnesses, round after round. Every server runs for the whole benchmark, and each
 * round runs its trials in a new random order, so a slow minute of the machine falls on all settings alike instead of
 * on whichever was measured then.
 */
public final class Benchmark {
    private final Narrator narrator;

    public Benchmark(Narrator narrator) {
        this.narrator = narrator;
    }

    /** Every trial of the measured rounds; the warm-up rounds' trials are run and dropped. */
    public Result run(Plan plan, List<Setting> settings) throws Exception {
        List<Setting.Running> servers = settings.stream().map(Setting::prepare).toList();
        try {
            narrator.say("lab", "starting %d servers, one per setting, for the whole benchmark", servers.size());
            Startables.deepStart(servers.stream().map(Setting.Running::container))
                    .join();
            List<Trial> measured = new ArrayList<>();
            for (int round = 1 - plan.warmUpRounds(); round <= plan.rounds(); round++) {
                List<Trial> trials = round(plan, settings, servers, round);
                if (round >= 1) {
                    measured.addAll(trials);
                }
            }
            return new Result(plan, settings, measured);
        } finally {
            servers.forEach(Setting.Running::close);
        }
    }

    private List<Trial> round(Plan plan, List<Setting> settings, List<Setting.Running> servers, int round)
            throws Exception {
        List<Slot> order = new ArrayList<>();
        for (int index = 0; index < settings.size(); index++) {
            for (Harness harness : Harness.values()) {
                order.add(new Slot(index, harness));
            }
        }
        Collections.shuffle(order);
        long start = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        for (Slot slot : order) {
            Setting setting = settings.get(slot.index());
            double rate = servers.get(slot.index()).trial(slot.harness(), plan.messagesFor(setting.broker()));
            trials.add(new Trial(setting, slot.harness(), round, rate));
        }
        narrator.say(
                "lab",
                String.format(
                        Locale.ROOT,
                        "%s: %d trials in a random order, %.1f s",
                        round < 1 ? "warm-up round" : "round " + round + " of " + plan.rounds(),
                        trials.size(),
                        (System.nanoTime() - start) / 1e9));
        return trials;
    }

    /** One trial of a round still to run: which setting (its index, shared by settings and servers) with which harness. */
    private record Slot(int index, Harness harness) {}

    /** What a benchmark measured. */
    public record Result(Plan plan, List<Setting> settings, List<Trial> trials) {

        /** The spread of one setting's trials with one harness. */
        public Spread spread(Setting setting, Harness harness) {
            return Spread.of(trials.stream()
                    .filter(t -> t.setting().equals(setting) && t.harness() == harness)
                    .map(Trial::messagesPerSecond)
                    .toList());
        }
    }
}
