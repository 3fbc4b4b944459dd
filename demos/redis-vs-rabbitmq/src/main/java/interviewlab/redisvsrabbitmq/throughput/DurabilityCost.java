package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checker of the benchmark: a table of every setting's median and range with both harnesses, a ranking only
 * where the ranges say one, and whether the lab's client measures the broker rather than itself.
 */
public final class DurabilityCost {
    static final String RANKING = "ranking";
    static final String HARNESS = "lab vs tool";
    /** With fewer trials a side, two equal settings' ranges miss each other too often to name a ranking. */
    static final int ROUNDS_TO_RANK = 5;

    public static Observation of(Benchmark.Result result) {
        Plan plan = result.plan();
        Observation table = Observation.named(
                "durability-cost",
                String.format(
                        Locale.ROOT,
                        "What durability costs (%s run): messages/s from one producer, median (min–max) of %d interleaved rounds after %d "
                                + "warm-up; %,d messages of %d bytes per Redis trial, %,d per RabbitMQ trial",
                        plan.name(),
                        plan.rounds(),
                        plan.warmUpRounds(),
                        plan.redisMessages(),
                        Setting.MESSAGE_BYTES,
                        plan.rabbitMessages()),
                "broker",
                "durability",
                "lab's client",
                "tool",
                "tool's rate",
                "lab / tool");
        List<Verdict> harnesses = new ArrayList<>();
        for (Setting setting : result.settings()) {
            Spread lab = result.spread(setting, Harness.LAB_CLIENT);
            Spread tool = result.spread(setting, Harness.BROKER_TOOL);
            table.row(
                    setting.broker().label(),
                    setting.durability(),
                    lab,
                    setting.broker().tool(),
                    tool,
                    String.format(Locale.ROOT, "%.0f %%", 100 * lab.median() / tool.median()));
            harnesses.add(harness(setting, lab, tool));
        }
        // the rankings first, then each setting's lab against tool, as the doc's region lists them
        rankings(result).forEach(table::verdict);
        harnesses.forEach(table::verdict);
        return table;
    }

    /** Each setting against the next one of the same broker, by the lab client's trials. */
    static List<Verdict> rankings(Benchmark.Result result) {
        List<Verdict> verdicts = new ArrayList<>();
        List<Setting> settings = result.settings();
        for (int i = 0; i + 1 < settings.size(); i++) {
            Setting first = settings.get(i);
            Setting second = settings.get(i + 1);
            if (first.broker() == second.broker()) {
                verdicts.add(ranking(
                        first,
                        result.spread(first, Harness.LAB_CLIENT),
                        second,
                        result.spread(second, Harness.LAB_CLIENT),
                        result.plan().rounds()));
            }
        }
        return verdicts;
    }

    static Verdict ranking(Setting first, Spread firstSpread, Setting second, Spread secondSpread, int rounds) {
        String broker = first.broker().label();
        if (rounds < ROUNDS_TO_RANK) {
            return Verdict.notShown(
                    RANKING,
                    "%s: %s against %s: %d round(s) rank nothing, the checker ranks from %d (%s against %s messages/s)",
                    broker,
                    first.durability(),
                    second.durability(),
                    rounds,
                    ROUNDS_TO_RANK,
                    firstSpread,
                    secondSpread);
        }
        if (firstSpread.entirelyBelow(secondSpread) || secondSpread.entirelyBelow(firstSpread)) {
            boolean firstSlower = firstSpread.entirelyBelow(secondSpread);
            Setting slower = firstSlower ? first : second;
            Setting faster = firstSlower ? second : first;
            Spread slow = firstSlower ? firstSpread : secondSpread;
            Spread fast = firstSlower ? secondSpread : firstSpread;
            return Verdict.shown(
                    RANKING,
                    "%s: %s is slower than %s in every trial (median %,.0f against %,.0f messages/s, %.0f %%)",
                    broker,
                    slower.durability(),
                    faster.durability(),
                    slow.median(),
                    fast.median(),
                    100 * slow.median() / fast.median());
        }
        return Verdict.notShown(
                RANKING,
                "%s: %s and %s are not distinguishable on this machine, their ranges overlap (%s against %s "
                        + "messages/s)",
                broker,
                first.durability(),
                second.durability(),
                firstSpread,
                secondSpread);
    }

    static Verdict harness(Setting setting, Spread lab, Spread tool) {
        String which = String.format(
                Locale.ROOT,
                "%s, %s: the lab's client (median %,.0f messages/s)",
                setting.broker().label(),
                setting.durability(),
                lab.median());
        double percent = 100 * lab.median() / tool.median();
        if (lab.entirelyBelow(tool)) {
            return Verdict.notShown(
                    HARNESS,
                    "%s falls short of %s (median %,.0f) in every trial: %.0f %% of its median",
                    which,
                    setting.broker().tool(),
                    tool.median(),
                    percent);
        }
        if (tool.entirelyBelow(lab)) {
            // Faster than the broker's own tool in every trial: the two are not doing the same work, or the tool times
            // more.
            return Verdict.notShown(
                    HARNESS,
                    "%s is faster than %s (median %,.0f) in every trial: %.0f %% of its median",
                    which,
                    setting.broker().tool(),
                    tool.median(),
                    percent);
        }
        return Verdict.shown(
                HARNESS,
                "%s matches %s (median %,.0f; %.0f %% of it): their ranges overlap",
                which,
                setting.broker().tool(),
                tool.median(),
                percent);
    }

    private DurabilityCost() {}
}
