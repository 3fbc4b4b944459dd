package interviewlab.redisvsrabbitmq.workers;

import java.util.concurrent.CountDownLatch;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;

/**
 * A consumer of the Redis list {@code jobs}, run in its own container so a test can kill it with kill -9.
 *
 * <p>Arguments: {@code <pop|reliable> <name> <hang|work>}.
 * <ul>
 *   <li>{@code pop}: BRPOP takes the job off the queue; from then on the job lives only in this process.</li>
 *   <li>{@code reliable}: BLMOVE moves it, in one atomic step, into the list {@code processing:<name>};
 *       LREM removes it from there once it is processed.</li>
 *   <li>{@code hang}: the first job's processing never ends, so the test can kill the worker in the middle of it.</li>
 *   <li>{@code work}: processes every job.</li>
 * </ul>
 * Prints {@code ready}, then {@code popped <job>} when it has a job and {@code processed <job>} when done with it
 * (for {@code reliable}, after the LREM).
 */
public final class RedisListWorker {
    public static final String QUEUE = "jobs";

    private RedisListWorker() {}

    public static String processingListOf(String workerName) {
        return "processing:" + workerName;
    }

    public static void main(String[] args) throws InterruptedException {
        boolean reliable = args[0].equals("reliable");
        String processing = processingListOf(args[1]);
        boolean hang = args[2].equals("hang");
        try (Jedis redis = new Jedis("redis", 6379)) {
            redis.ping();
            say("ready");
            while (true) {
                // timeout 0: block until a job arrives
                // snippet:redis-brpop-or-blmove
                String job = reliable
                        ? redis.blmove(QUEUE, processing, ListDirection.RIGHT, ListDirection.LEFT, 0)
                        : redis.brpop(0, QUEUE).get(1);
                // end-snippet
                say("popped " + job);
                if (hang) {
                    new CountDownLatch(1).await(); // processing that never finishes: the test kills us here
                }
                if (reliable) {
                    redis.lrem(processing, 1, job); // the acknowledgement: only now is the job gone from Redis
                }
                say("processed " + job);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
