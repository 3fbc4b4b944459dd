package interviewlab.redisvsrabbitmq;

import interviewlab.redisvsrabbitmq.replicated.FailoverSideBySide;
import interviewlab.redisvsrabbitmq.replicated.FailoverSideBySide.Broker;
import interviewlab.redisvsrabbitmq.replicated.LeaderFault;
import interviewlab.redisvsrabbitmq.sidebyside.BrokerFault;
import interviewlab.redisvsrabbitmq.sidebyside.Setup;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide;
import interviewlab.redisvsrabbitmq.throughput.Benchmark;
import interviewlab.redisvsrabbitmq.throughput.DurabilityCost;
import interviewlab.redisvsrabbitmq.throughput.Plan;
import interviewlab.redisvsrabbitmq.throughput.Setting;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.LabImages;
import java.util.List;
import java.util.Locale;

/**
 * Does Redis guarantee delivery like RabbitMQ? The same story for every setup (1,000 numbered messages, the
 * consumer killed at a random point, the broker restarted gracefully or killed with kill -9, a new consumer taking
 * over), each run judged by the checker the tests use; then what each guarantee costs in throughput.
 */
public final class Demo {
    /** Each setup under each broker fault the claims speak of: a graceful restart for all, kill -9 for the durable ones. */
    private static final List<Run> RUNS = List.of(
            new Run(Setup.REDIS_PUBSUB, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.REDIS_LIST_BRPOP, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.REDIS_LIST_BLMOVE, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.REDIS_STREAM_GROUP, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.RABBIT_AUTO_ACK, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.RABBIT_MANUAL_ACK, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.RABBIT_QUORUM, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.REDIS_LIST_BLMOVE, BrokerFault.KILL_NINE),
            new Run(Setup.REDIS_LIST_BLMOVE_AOF, BrokerFault.KILL_NINE),
            new Run(Setup.REDIS_STREAM_GROUP, BrokerFault.KILL_NINE),
            new Run(Setup.REDIS_STREAM_GROUP_AOF, BrokerFault.KILL_NINE),
            new Run(Setup.RABBIT_MANUAL_ACK, BrokerFault.KILL_NINE),
            new Run(Setup.RABBIT_QUORUM, BrokerFault.KILL_NINE));
    /** One run per claim, on both brokers: the quick version's (the tests run all of RUNS). */
    private static final List<Run> QUICK_RUNS = List.of(
            new Run(Setup.REDIS_LIST_BLMOVE, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.RABBIT_AUTO_ACK, BrokerFault.GRACEFUL_RESTART),
            new Run(Setup.REDIS_STREAM_GROUP, BrokerFault.KILL_NINE));

    private record Run(Setup setup, BrokerFault brokerFault) {}

    public static void main(String[] args) {
        DemoRun.main(
                "redis-vs-rabbitmq",
                Demo.class,
                List.of("Redis " + LabImages.REDIS.version(), "RabbitMQ " + LabImages.RABBITMQ.version()),
                Demo::run);
    }

    private static void run(DemoRun run) throws Exception {
        SideBySide sideBySide = new SideBySide(run.narrator());
        List<Run> runs = DemoRun.scenarios(RUNS, QUICK_RUNS);
        Observation table = Observation.named(
                "side-by-side",
                String.format(
                        Locale.ROOT,
                        "Side by side: %d messages, the consumer killed with kill -9, then the broker restarted or killed%s",
                        SideBySide.MESSAGES,
                        DemoRun.keptInTheQuickVersion(runs, RUNS, "runs")),
                "setup",
                "guarantee (consumer crash)",
                "broker",
                "consumer killed after",
                "held by it",
                "processed",
                "lost",
                "duplicated");
        for (Run each : runs) {
            SideBySide.Result result = sideBySide.run(each.setup(), each.brokerFault());
            table.row(
                    each.setup().label(),
                    each.setup().guarantee(),
                    each.brokerFault().label(),
                    result.processedByFirst().size(),
                    each.setup().atLeastOnce() ? "—" : result.heldByFirst().size(),
                    result.verdict().received(),
                    result.verdict().lost().size(),
                    result.verdict().duplicated().size());
            Verdict verdict = result.check();
            run.verdict(verdict);
            table.verdict(verdict);
        }
        table.faults(run.faultsSoFar());
        run.record(table);
        run.record(failoverSideBySide(run));
        run.record(DurabilityCost.of(new Benchmark(run.narrator()).run(Plan.fromEnvironment(), Setting.all())));
    }

    /** Both replicated brokers under both leader faults; the quick version keeps the two that differ most. */
    private static final List<FailoverRun> FAILOVER_RUNS = List.of(
            new FailoverRun(Broker.REDIS_SENTINEL, LeaderFault.KILLED),
            new FailoverRun(Broker.RABBIT_QUORUM, LeaderFault.KILLED),
            new FailoverRun(Broker.REDIS_SENTINEL, LeaderFault.PARTITIONED),
            new FailoverRun(Broker.RABBIT_QUORUM, LeaderFault.PARTITIONED));

    private static final List<FailoverRun> QUICK_FAILOVER_RUNS = List.of(
            new FailoverRun(Broker.REDIS_SENTINEL, LeaderFault.PARTITIONED),
            new FailoverRun(Broker.RABBIT_QUORUM, LeaderFault.PARTITIONED));

    private record FailoverRun(Broker broker, LeaderFault fault) {}

    private static Observation failoverSideBySide(DemoRun run) {
        run.narrator()
                .scenario("Failover side by side: acknowledged writes, and the node taking them killed or cut off");
        FailoverSideBySide sideBySide = new FailoverSideBySide(run.narrator());
        List<FailoverRun> runs = DemoRun.scenarios(FAILOVER_RUNS, QUICK_FAILOVER_RUNS);
        Observation table = Observation.named(
                "failover-side-by-side",
                String.format(
                        Locale.ROOT,
                        "Failover side by side: writes acknowledged one by one, then the leader killed or partitioned%s",
                        DemoRun.keptInTheQuickVersion(runs, FAILOVER_RUNS, "runs")),
                "cluster",
                "fault",
                "acknowledged",
                "by the old leader, during the fault",
                "acknowledged and lost");
        for (FailoverRun each : runs) {
            FailoverSideBySide.Result result = sideBySide.run(each.broker(), each.fault());
            table.row(
                    result.label(),
                    each.fault().label(),
                    result.acknowledged().size(),
                    result.acknowledgedByOldLeaderDuringFault().size(),
                    result.lost().size());
            Verdict verdict = result.check();
            run.verdict(verdict);
            table.verdict(verdict);
        }
        return table.faults(run.faultsSoFar());
    }

    private Demo() {}
}
