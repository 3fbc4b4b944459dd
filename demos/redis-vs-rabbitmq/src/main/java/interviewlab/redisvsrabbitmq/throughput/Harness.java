package interviewlab.redisvsrabbitmq.throughput;

/** Who produces a trial's messages: the lab's own client code, or the broker's own benchmark tool. */
public enum Harness {
    LAB_CLIENT,
    BROKER_TOOL
}
