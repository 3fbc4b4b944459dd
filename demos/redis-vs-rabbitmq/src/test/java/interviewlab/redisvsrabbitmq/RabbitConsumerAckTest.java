package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.Workers.WORKER_STEP;
import static interviewlab.redisvsrabbitmq.Workers.awaitLine;
import static interviewlab.redisvsrabbitmq.Workers.worker;
import static interviewlab.redisvsrabbitmq.workers.RabbitWorker.BALANCE;
import static interviewlab.redisvsrabbitmq.workers.RabbitWorker.CHARGE;
import static interviewlab.redisvsrabbitmq.workers.RabbitWorker.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.MessageProperties;
import interviewlab.redisvsrabbitmq.workers.RabbitWorker;
import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import java.nio.charset.StandardCharsets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;

/**
 * Consumers of a durable RabbitMQ queue, each a process in its own container; one is killed with kill -9 in the
 * middle of its work. What happens to its message depends only on when the broker was told the message was done:
 * at delivery (autoAck) or after the work (a manual ack).
 */
class RabbitConsumerAckTest {
    private static final int JOBS = 5;

    @Test
    @Claim("RMQ-1")
    void withAutoAckAConsumerThatDiesWhileProcessingLosesEveryMessageItWasSent() throws Exception {
        try (Network network = LabNetwork.create();
                RabbitMqService rabbit = new RabbitMqService().onNetwork(network)) {
            rabbit.start();
            declareJobsQueue(rabbit);
            // given: worker-1 consuming with autoAck
            LogLines output = new LogLines();
            try (JavaAppService worker1 =
                    worker("worker-1", network, output, RabbitWorker.class, "auto", "hang", "none")) {
                worker1.start();
                // when: five jobs are published, and worker-1 is killed with kill -9 while processing job-1
                DeliveryHistory history = publishJobs(rabbit);
                awaitLine(output, "took job-1 redelivered=false");
                Faults.killNine(worker1);
                awaitBrokerNoticedTheConsumerIsGone(rabbit);

                // then: the broker holds none of the five: it forgot each one as it sent it
                assertThat(rabbit.readyMessages(QUEUE))
                        .as(
                                "with autoAck a message counts as delivered once sent: nothing comes back when the consumer dies")
                        .isZero();
                // whatever the broker still has, another consumer would get
                RabbitQueues.takeAll(rabbit, QUEUE)
                        .forEach(message -> history.received(jobNumber(RabbitQueues.bodyOf(message))));
                DeliveryVerdict verdict = history.check();
                System.out.println("autoAck, consumer killed mid-job: " + verdict.summary());
                assertThat(verdict.lost())
                        .as("autoAck is at most once: all five jobs, sent to the dead consumer, are lost")
                        .containsExactly(1L, 2L, 3L, 4L, 5L);
            }
        }
    }

    @Test
    @Claim("RMQ-2")
    void withManualAckTheMessageOfAConsumerThatDiedIsRedeliveredToAnotherConsumerFlaggedRedelivered() throws Exception {
        try (Network network = LabNetwork.create();
                RabbitMqService rabbit = new RabbitMqService().onNetwork(network)) {
            rabbit.start();
            declareJobsQueue(rabbit);
            LogLines first = new LogLines();
            LogLines second = new LogLines();
            // given: worker-1 consuming with manual acks and a prefetch of 1
            try (JavaAppService worker1 =
                            worker("worker-1", network, first, RabbitWorker.class, "manual", "hang", "none");
                    JavaAppService worker2 =
                            worker("worker-2", network, second, RabbitWorker.class, "manual", "work", "none")) {
                worker1.start();
                // when: five jobs are published; worker-1 takes job-1 and hangs in it, worker-2 joins and does the rest
                DeliveryHistory history = publishJobs(rabbit);
                awaitLine(first, "took job-1 redelivered=false");
                worker2.start();
                awaitLine(second, "processed job-" + JOBS);
                // and worker-1 is killed with kill -9 before it acks job-1
                Faults.killNine(worker1);

                // then: the broker requeues job-1 and delivers it to worker-2, flagged as redelivered
                awaitLine(second, "took job-1 redelivered=true");
                awaitLine(second, "processed job-1");
                second.lines().stream()
                        .filter(line -> line.startsWith("processed job-"))
                        .forEach(line -> history.received(Long.parseLong(line.substring("processed job-".length()))));
                DeliveryVerdict verdict = history.check();
                System.out.println("manual ack, consumer killed mid-job: " + verdict.summary());
                assertThat(verdict.nothingLost())
                        .as(
                                "manual ack is at least once: the unacknowledged job of the dead consumer goes to another one: %s",
                                verdict)
                        .isTrue();
                assertThat(second.lines())
                        .as("only the requeued job carries the redelivered flag")
                        .filteredOn(line -> line.endsWith("redelivered=true"))
                        .containsExactly("took job-1 redelivered=true");
            }
        }
    }

    @Test
    @Claim("RMQ-3")
    void aConsumerThatDiesAfterItsWorkAndBeforeItsAckDoesTheWorkTwice() throws Exception {
        // given: a consumer that charges 10 for each delivery
        // when: it is killed after charging and before acking, and another consumer gets the redelivery
        long balance = balanceAfterAConsumerDiesBetweenWorkAndAck("charge");

        // then: the one message was charged twice
        assertThat(balance)
                .as("at least once means a message can be processed twice: one message, charged twice")
                .isEqualTo(2 * CHARGE);
    }

    @Test
    @Claim("RMQ-3")
    void anIdempotentConsumerDoesTheWorkOnceWhenTheMessageComesTwice() throws Exception {
        // given: a consumer that records each message id with its charge, atomically, and skips an id it has seen
        // when: the same crash between work and ack, and the same redelivery
        long balance = balanceAfterAConsumerDiesBetweenWorkAndAck("charge-once");

        // then: the redelivery is recognised and skipped
        assertThat(balance)
                .as("an idempotent consumer turns the duplicate delivery into one effect")
                .isEqualTo(CHARGE);
    }

    /** One payment message; worker-1 charges and is killed before its ack; worker-2 gets the redelivery. */
    private static long balanceAfterAConsumerDiesBetweenWorkAndAck(String processing) throws Exception {
        try (Network network = LabNetwork.create();
                RabbitMqService rabbit = new RabbitMqService().onNetwork(network);
                RedisService redis = new RedisService().onNetwork(network)) {
            rabbit.start();
            redis.start();
            declareJobsQueue(rabbit);
            rabbit.onChannel(channel -> {
                AMQP.BasicProperties payment = MessageProperties.PERSISTENT_TEXT_PLAIN
                        .builder()
                        .messageId("payment-1")
                        .build();
                channel.basicPublish("", QUEUE, payment, "payment-1".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            LogLines first = new LogLines();
            try (JavaAppService worker1 =
                    worker("worker-1", network, first, RabbitWorker.class, "manual", "hang", processing)) {
                worker1.start();
                awaitLine(first, "charged payment-1");
                Faults.killNine(worker1);
            }
            LogLines second = new LogLines();
            try (JavaAppService worker2 =
                    worker("worker-2", network, second, RabbitWorker.class, "manual", "work", processing)) {
                worker2.start();
                awaitLine(second, "processed payment-1");
            }
            assertThat(second.lines())
                    .as("the second consumer got the same message again")
                    .contains("took payment-1 redelivered=true");
            try (Jedis client = redis.client()) {
                long balance = Long.parseLong(client.get(BALANCE));
                System.out.println(processing + ", consumer killed between work and ack: balance " + balance
                        + " for one payment of " + CHARGE);
                return balance;
            }
        }
    }

    private static void declareJobsQueue(RabbitMqService rabbit) throws Exception {
        RabbitQueues.declareDurable(rabbit, QUEUE);
    }

    private static long jobNumber(String body) {
        return Long.parseLong(body.substring("job-".length()));
    }

    private static DeliveryHistory publishJobs(RabbitMqService rabbit) throws Exception {
        DeliveryHistory history = new DeliveryHistory();
        rabbit.onChannel(channel -> {
            for (long id = 1; id <= JOBS; id++) {
                channel.basicPublish(
                        "",
                        QUEUE,
                        MessageProperties.PERSISTENT_TEXT_PLAIN,
                        ("job-" + id).getBytes(StandardCharsets.UTF_8));
                history.sent(id);
            }
            return null;
        });
        return history;
    }

    /** The broker learns of a killed consumer when its TCP connection closes; until then it still counts it. */
    private static void awaitBrokerNoticedTheConsumerIsGone(RabbitMqService rabbit) {
        Awaitility.await("the broker has dropped the dead consumer")
                .atMost(WORKER_STEP)
                .until(() -> rabbit.consumers(QUEUE) == 0);
    }
}
