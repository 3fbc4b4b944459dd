package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.services.RedisService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** redis-benchmark, which Debian's Redis packages ship, run inside the server's own container. */
final class RedisBenchmark {
    // --csv prints a header, then one line per test: "LPUSH","123456.79","0.250",...
    private static final Pattern LPUSH_RATE = Pattern.compile("^\"LPUSH\",\"([0-9.]+)\"", Pattern.MULTILINE);

    /** LPUSH from one client, pipelined, in messages per second as the tool reports it. */
    static double lpush(RedisService redis, int messages, int pipeline, int valueBytes) {
        String csv = redis.run(
                "redis-benchmark",
                "-c",
                "1",
                "-n",
                String.valueOf(messages),
                "-P",
                String.valueOf(pipeline),
                "-d",
                String.valueOf(valueBytes),
                "-t",
                "lpush",
                "--csv");
        return rate(csv);
    }

    static double rate(String csv) {
        Matcher rate = LPUSH_RATE.matcher(csv);
        if (!rate.find()) {
            throw new IllegalStateException("redis-benchmark printed no LPUSH rate: " + csv.strip());
        }
        return Double.parseDouble(rate.group(1));
    }

    private RedisBenchmark() {}
}
