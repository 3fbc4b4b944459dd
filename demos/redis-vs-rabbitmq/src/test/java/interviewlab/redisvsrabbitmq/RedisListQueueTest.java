package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.Workers.awaitLine;
import static interviewlab.redisvsrabbitmq.Workers.worker;
import static interviewlab.redisvsrabbitmq.workers.RedisListWorker.QUEUE;
import static interviewlab.redisvsrabbitmq.workers.RedisListWorker.processingListOf;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.workers.RedisListWorker;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.RedisService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;

/**
 * A Redis list as a job queue, consumed by worker containers; one of them is killed with kill -9 in the middle
 * of a job. With BRPOP the job dies with it; with BLMOVE into a processing list (Redis's "reliable queue"
 * pattern) it waits there for a recovery step.
 */
class RedisListQueueTest {
    private static final int JOBS = 5;

    @Test
    @Claim("RED-3")
    void aJobTakenWithBrpopIsLostWhenItsConsumerDiesWhileProcessingIt() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: five jobs in a list queue, consumed with BRPOP
            DeliveryHistory history = enqueueJobs(redis);

            // when: the worker that popped job-1 is killed with kill -9 while processing it
            killWorkerWhileItProcessesTheFirstJob(network, "pop");

            // then: BRPOP removed job-1 from Redis when it handed it out, so Redis holds it nowhere
            try (Jedis client = redis.client()) {
                assertThat(listsHolding(client, "job-1"))
                        .as("a job popped with BRPOP is in no list once its consumer is dead")
                        .isEmpty();
            }
            // and a second worker, draining the queue, never gets it
            processEveryJobLeftWithASecondWorker(network, "pop", history);
            DeliveryVerdict verdict = history.check();
            System.out.println("BRPOP, consumer killed mid-job: " + verdict.summary());
            assertThat(verdict.lost())
                    .as("BRPOP is at most once: the job the dead consumer held is lost, the others are processed")
                    .containsExactly(1L);
        }
    }

    @Test
    @Claim("RED-4")
    void aJobTakenWithBlmoveWaitsInTheProcessingListAndIsRecoveredWhenItsConsumerDies() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: the same five jobs, consumed with BLMOVE into a processing list per worker, LREM after processing
            DeliveryHistory history = enqueueJobs(redis);

            // when: the worker that took job-1 is killed with kill -9 while processing it
            killWorkerWhileItProcessesTheFirstJob(network, "reliable");

            // then: job-1 is still in Redis, in the dead worker's processing list
            try (Jedis client = redis.client()) {
                assertThat(listsHolding(client, "job-1"))
                        .as("BLMOVE moved the job atomically into the processing list, where it outlives its consumer")
                        .containsExactly(processingListOf("worker-1"));

                // and a recovery step puts what the dead worker held back at the head of the queue
                // snippet:redis-reliable-queue-recovery
                String recovered;
                while ((recovered = client.lmove(
                                processingListOf("worker-1"), QUEUE, ListDirection.RIGHT, ListDirection.RIGHT))
                        != null) {
                    System.out.println("recovered " + recovered + " from the dead worker-1");
                }
                // end-snippet
            }
            processEveryJobLeftWithASecondWorker(network, "reliable", history);
            DeliveryVerdict verdict = history.check();
            System.out.println("BLMOVE + LREM, consumer killed mid-job, then recovery: " + verdict.summary());
            assertThat(verdict.nothingLost())
                    .as(
                            "with the reliable-queue pattern, the job of the dead consumer is recovered and processed by another: %s",
                            verdict)
                    .isTrue();
            try (Jedis client = redis.client()) {
                assertThat(client.dbSize())
                        .as("every job was acknowledged with LREM: no list is left")
                        .isZero();
            }
        }
    }

    private static DeliveryHistory enqueueJobs(RedisService redis) {
        DeliveryHistory history = new DeliveryHistory();
        try (Jedis client = redis.client()) {
            for (long id = 1; id <= JOBS; id++) {
                client.lpush(QUEUE, "job-" + id); // LPUSH in, pop from the right: first in, first out
                history.sent(id);
            }
        }
        return history;
    }

    /** worker-1 takes job-1, prints "popped job-1", and hangs in its processing: kill -9 lands right there. */
    private static void killWorkerWhileItProcessesTheFirstJob(Network network, String pattern) {
        LogLines output = new LogLines();
        try (JavaAppService worker =
                worker("worker-1", network, output, RedisListWorker.class, pattern, "worker-1", "hang")) {
            worker.start();
            awaitLine(output, "popped job-1");
            Faults.killNine(worker);
            assertThat(output.lines()).as("worker-1 never finished job-1").doesNotContain("processed job-1");
        }
    }

    /** worker-2 processes what is in the queue, first in first out; its "processed" lines are what was received. */
    private static void processEveryJobLeftWithASecondWorker(Network network, String pattern, DeliveryHistory history) {
        LogLines output = new LogLines();
        try (JavaAppService worker =
                worker("worker-2", network, output, RedisListWorker.class, pattern, "worker-2", "work")) {
            worker.start();
            awaitLine(output, "processed job-" + JOBS); // the last job in: once it is done, every earlier one is too
        }
        output.lines().stream()
                .filter(line -> line.startsWith("processed job-"))
                .forEach(line -> history.received(Long.parseLong(line.substring("processed job-".length()))));
    }

    /** The names of every list in Redis that holds the job. */
    private static List<String> listsHolding(Jedis client, String job) {
        return client.keys("*").stream()
                .filter(key -> client.type(key).equals("list"))
                .filter(key -> client.lrange(key, 0, -1).contains(job))
                .sorted()
                .toList();
    }
}
