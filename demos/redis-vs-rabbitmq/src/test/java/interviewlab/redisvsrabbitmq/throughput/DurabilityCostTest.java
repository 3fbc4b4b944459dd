package interviewlab.redisvsrabbitmq.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.observed.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's checker, on trials made up for the purpose: it names a ranking only where no trial of one setting
 * reached the range of the other, and says by how much the lab's client falls short of the broker's own tool.
 */
class DurabilityCostTest {
    private static final Setting EVERYSEC = new RedisSetting("AOF, fsync every second", "--appendonly", "yes");
    private static final Setting ALWAYS =
            new RedisSetting("AOF, fsync always", "--appendonly", "yes", "--appendfsync", "always");
    private static final Setting QUORUM = new RabbitSetting("quorum queue, confirms", true, true, true);

    @Test
    void aRankingIsNamedOnlyWhenTheRangesDoNotOverlap() {
        // given: fsync always slower than everysec in every trial
        Verdict separated = DurabilityCost.ranking(
                EVERYSEC, Spread.of(List.of(300.0, 320.0, 340.0)), ALWAYS, Spread.of(List.of(200.0, 250.0, 299.0)), 7);
        // and: one trial of always as fast as the slowest of everysec
        Verdict touching = DurabilityCost.ranking(
                EVERYSEC, Spread.of(List.of(300.0, 320.0, 340.0)), ALWAYS, Spread.of(List.of(200.0, 250.0, 300.0)), 7);

        assertThat(separated.kind()).as("ranges apart: a ranking").isEqualTo(Verdict.Kind.SHOWN);
        assertThat(separated.sentence())
                .as("the ranking names the slower setting and both medians")
                .startsWith("Redis list: AOF, fsync always is slower than AOF, fsync every second in every trial")
                .contains("median 250 against 320 messages/s, 78 %");
        assertThat(touching.kind()).as("ranges that share a value rank nothing").isEqualTo(Verdict.Kind.NOT_SHOWN);
        assertThat(touching.sentence()).contains("not distinguishable on this machine");
    }

    @Test
    void aRankingFollowsTheTrialsWhicheverWayTheyGo() {
        // given: the setting listed second is the faster one
        Verdict verdict = DurabilityCost.ranking(
                EVERYSEC, Spread.of(List.of(100.0, 110.0)), ALWAYS, Spread.of(List.of(200.0, 210.0)), 7);

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.SHOWN);
        assertThat(verdict.sentence())
                .as("the checker reports what the trials show, not what the doc expects")
                .contains("AOF, fsync every second is slower than AOF, fsync always");
    }

    @Test
    void tooFewRoundsRankNothingHoweverFarApartTheyAre() {
        Verdict verdict = DurabilityCost.ranking(
                EVERYSEC, Spread.of(List.of(300.0, 340.0)), ALWAYS, Spread.of(List.of(100.0, 120.0)), 2);

        assertThat(verdict.kind())
                .as("a quick run's two trials a side name no ranking")
                .isEqualTo(Verdict.Kind.NOT_SHOWN);
        assertThat(verdict.sentence()).contains("2 round(s) rank nothing, the checker ranks from 5");
    }

    @Test
    void theLabsClientMatchesTheToolOnlyWhereTheirRangesOverlapAndOtherwiseSaysByHowMuch() {
        Spread tool = Spread.of(List.of(900.0, 1000.0, 1100.0));

        Verdict matches = DurabilityCost.harness(QUORUM, Spread.of(List.of(850.0, 950.0, 1000.0)), tool);
        Verdict overlapsFarBelow = DurabilityCost.harness(QUORUM, Spread.of(List.of(400.0, 600.0, 900.0)), tool);
        Verdict short_ = DurabilityCost.harness(QUORUM, Spread.of(List.of(500.0, 600.0, 899.0)), tool);
        Verdict faster = DurabilityCost.harness(QUORUM, Spread.of(List.of(1101.0, 1200.0, 1300.0)), tool);

        assertThat(matches.kind()).isEqualTo(Verdict.Kind.SHOWN);
        assertThat(matches.sentence()).contains("matches PerfTest (median 1,000; 95 % of it): their ranges overlap");
        assertThat(overlapsFarBelow.kind())
                .as("the ranges decide, not how far the medians are apart")
                .isEqualTo(Verdict.Kind.SHOWN);
        assertThat(overlapsFarBelow.sentence()).contains("60 % of it");
        assertThat(short_.kind())
                .as("a client slower in every trial has not shown that it measures the broker")
                .isEqualTo(Verdict.Kind.NOT_SHOWN);
        assertThat(short_.sentence())
                .contains("falls short of PerfTest (median 1,000) in every trial: 60 % of its median");
        assertThat(faster.kind())
                .as("a client faster than the broker's own tool in every trial is not doing the same work")
                .isEqualTo(Verdict.Kind.NOT_SHOWN);
        assertThat(faster.sentence())
                .contains("is faster than PerfTest (median 1,000) in every trial: 120 % of its median");
    }

    @Test
    void rankingsCompareNeighboursOfTheSameBrokerByTheLabsClientsTrials() {
        Setting rdb = new RedisSetting("RDB snapshots only (the default)");
        List<Setting> settings = List.of(rdb, EVERYSEC, ALWAYS, QUORUM);
        List<Trial> trials = new ArrayList<>();
        double[] labRates = {300, 200, 100, 50};
        for (int round = 1; round <= Plan.FULL.rounds(); round++) {
            for (int i = 0; i < settings.size(); i++) {
                trials.add(new Trial(settings.get(i), Harness.LAB_CLIENT, round, labRates[i] + round));
                // the tool's trials say the opposite, so a checker that ranked by them would name other rankings
                trials.add(new Trial(settings.get(i), Harness.BROKER_TOOL, round, 1000 - labRates[i]));
            }
        }

        List<Verdict> rankings = DurabilityCost.rankings(new Benchmark.Result(Plan.FULL, settings, trials));

        assertThat(rankings)
                .extracting(Verdict::sentence)
                .as(
                        "RDB against everysec, everysec against always; not RDB against always, and the quorum queue has no RabbitMQ neighbour")
                .satisfiesExactly(
                        first -> assertThat(first)
                                .contains("AOF, fsync every second is slower than RDB snapshots only (the default)"),
                        second -> assertThat(second)
                                .contains("AOF, fsync always is slower than AOF, fsync every second"));
    }

    @Test
    void theMedianOfAnEvenNumberOfTrialsIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1.0, 4.0));
        assertThat(Spread.of(List.of(5.0, 1.0, 3.0))).isEqualTo(new Spread(3.0, 1.0, 5.0));
    }
}
