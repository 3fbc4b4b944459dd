package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.services.LabContainer;
import interviewlab.support.services.RedisService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Redis with some server flags. Both harnesses do the same work: LPUSH of 32-byte values onto one list from one
 * connection, pipelined {@value #PIPELINE} at a time (each batch waits for its replies before the next is sent).
 */
record RedisSetting(String durability, List<String> serverFlags) implements Setting {
    static final int PIPELINE = 1_000;
    private static final byte[] KEY = "jobs".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "x".repeat(MESSAGE_BYTES).getBytes(StandardCharsets.UTF_8);

    RedisSetting(String durability, String... serverFlags) {
        this(durability, Arrays.asList(serverFlags));
    }

    @Override
    public Broker broker() {
        return Broker.REDIS;
    }

    @Override
    public Running prepare() {
        RedisService redis = new RedisService().withServerFlags(serverFlags.toArray(String[]::new));
        return new Running() {
            @Override
            public LabContainer<?> container() {
                return redis;
            }

            @Override
            public double trial(Harness harness, int messages) {
                try (Jedis jedis = redis.client()) {
                    // FLUSHDB, not FLUSHALL: with save points set, FLUSHALL also writes a snapshot.
                    jedis.flushDB();
                    double rate = harness == Harness.LAB_CLIENT
                            ? pipelined(jedis, messages)
                            : RedisBenchmark.lpush(redis, messages, PIPELINE, MESSAGE_BYTES);
                    // A pipeline keeps error replies without throwing, and redis-benchmark counts them: only a list
                    // that holds every message makes the rate a rate of LPUSHes (whatever key the tool pushed to).
                    long held = jedis.keys("*").stream().mapToLong(jedis::llen).sum();
                    if (held != messages) {
                        throw new IllegalStateException(harness + " on " + durability + ": Redis holds " + held + " of "
                                + messages + " messages");
                    }
                    return rate;
                }
            }

            @Override
            public void close() {
                redis.close();
            }
        };
    }

    private static double pipelined(Jedis jedis, int messages) {
        long start = System.nanoTime();
        Pipeline pipeline = jedis.pipelined();
        for (int sent = 0; sent < messages; sent++) {
            pipeline.lpush(KEY, VALUE);
            if ((sent + 1) % PIPELINE == 0) {
                pipeline.sync();
            }
        }
        pipeline.sync();
        return messages / ((System.nanoTime() - start) / 1e9);
    }
}
