package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.observed.DemoRun;

/**
 * How much the benchmark measures: rounds after a warm-up, each one trial per setting and harness, and how many
 * messages a trial sends to each broker.
 *
 * @param name "full" or "quick", said in the outcome's title
 * @param warmUpRounds rounds run first and thrown away: JIT, page cache, the brokers' first allocations
 * @param rounds rounds measured
 * @param redisMessages messages per Redis trial (Redis takes them about ten times faster)
 * @param rabbitMessages messages per RabbitMQ trial
 */
public record Plan(String name, int warmUpRounds, int rounds, int redisMessages, int rabbitMessages) {
    /** What {@code ./lab demo} runs: enough rounds that a range means something. */
    public static final Plan FULL = new Plan("full", 1, 7, 200_000, 50_000);
    /** What {@code ./lab test} runs, beside other jobs, so that the benchmark cannot rot: its figures rank nothing. */
    public static final Plan QUICK = new Plan("quick", 0, 2, 20_000, 5_000);

    public Plan {
        if (warmUpRounds < 0 || rounds < 1 || redisMessages < 1 || rabbitMessages < 1) {
            throw new IllegalArgumentException("a plan measures at least one round of at least one message: " + this);
        }
    }

    /** QUICK where the demo runs its quick version ({@link DemoRun#quick()}), FULL otherwise. */
    public static Plan fromEnvironment() {
        return DemoRun.quick() ? QUICK : FULL;
    }

    int messagesFor(Setting.Broker broker) {
        return broker == Setting.Broker.REDIS ? redisMessages : rabbitMessages;
    }
}
