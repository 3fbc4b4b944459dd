package interviewlab.redisvsrabbitmq.throughput;

/** One measured trial: which setting, which harness, in which round, and the rate it got. */
public record Trial(Setting setting, Harness harness, int round, double messagesPerSecond) {}
