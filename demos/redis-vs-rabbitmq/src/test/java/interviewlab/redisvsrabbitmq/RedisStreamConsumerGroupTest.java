package interviewlab.redisvsrabbitmq;

import static interviewlab.redisvsrabbitmq.Workers.awaitLine;
import static interviewlab.redisvsrabbitmq.Workers.worker;
import static interviewlab.redisvsrabbitmq.workers.RedisStreamWorker.GROUP;
import static interviewlab.redisvsrabbitmq.workers.RedisStreamWorker.STREAM;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.workers.RedisStreamWorker;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A Redis stream read through a consumer group: worker-1, in its own container, reads job-1 with XREADGROUP and
 * is killed with kill -9 before it sends XACK. The test's own client then plays "consumer-2", another member of the group.
 */
class RedisStreamConsumerGroupTest {
    private static final String RECOVERER = "consumer-2";
    /** How long an entry must have been idle before XAUTOCLAIM takes it: longer than any live consumer holds one here. */
    private static final Duration MIN_IDLE = Duration.ofMillis(500);

    @Test
    @Claim("RED-5")
    void anEntryReadButNotAcknowledgedStaysPendingAfterItsConsumerDies() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: job-1 in the stream, read through the group by worker-1
            // when: worker-1 is killed with kill -9 before XACK
            StreamEntryID job1 = killConsumerAfterItReadJob1(network, redis, "worker-1");

            // then: the group still lists the entry as pending, delivered once, to the dead consumer
            try (Jedis client = redis.client()) {
                assertThat(client.xpending(STREAM, GROUP).getTotal())
                        .as("an entry read with XREADGROUP stays pending until XACK, even after its consumer died")
                        .isEqualTo(1);
                StreamPendingEntry pending = pendingEntries(client).get(0);
                assertThat(pending.getID()).as("the pending entry is job-1").isEqualTo(job1);
                assertThat(pending.getConsumerName())
                        .as("it is still owned by the dead consumer")
                        .isEqualTo("worker-1");
                assertThat(pending.getDeliveredTimes())
                        .as("delivered once so far")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    @Claim("RED-5")
    void withNoackAnEntryReadByAConsumerThatDiesIsLostToTheGroup() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: the same, but worker-1 reads with XREADGROUP ... NOACK: the mechanism switched off
            // when: worker-1 is killed with kill -9 while processing job-1
            killConsumerAfterItReadJob1(network, redis, "worker-1", "noack");

            // then: nothing is pending, and no consumer of the group can get job-1 again
            try (Jedis client = redis.client()) {
                assertThat(client.xpending(STREAM, GROUP).getTotal())
                        .as("with NOACK a read entry is not kept pending: the group forgets it at delivery")
                        .isZero();
                assertThat(readNewEntries(client))
                        .as("XREADGROUP > does not hand it out again")
                        .isEmpty();
                assertThat(autoclaim(client, Duration.ZERO).claimed())
                        .as("XAUTOCLAIM finds nothing to recover")
                        .isEmpty();
                assertThat(client.xlen(STREAM))
                        .as("job-1 is still in the stream, but the group has moved past it")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    @Claim("RED-6")
    void anotherConsumerReadingNewEntriesIsNotHandedThePendingOne() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: job-1 read by worker-1, which was killed before XACK
            killConsumerAfterItReadJob1(network, redis, "worker-1");

            // when: job-2 arrives, and consumer-2 reads with XREADGROUP ... > ("entries never delivered to anyone")
            try (Jedis client = redis.client()) {
                client.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("job", "job-2"));
                List<String> read = readNewEntries(client);

                // then: it gets job-2 only; job-1 stays pending with the dead consumer
                assertThat(read)
                        .as(
                                "XREADGROUP > hands out only new entries, never one pending with another consumer, dead or alive")
                        .containsExactly("job-2");
                assertThat(pendingEntries(client))
                        .filteredOn(entry -> entry.getConsumerName().equals("worker-1"))
                        .as("job-1 is still pending with the dead worker-1")
                        .hasSize(1);
            }
        }
    }

    @Test
    @Claim("RED-7")
    void xautoclaimHandsTheDeadConsumersPendingEntryToAnotherAndCountsTheDelivery() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: job-1 read by worker-1, which was killed before XACK
            StreamEntryID job1 = killConsumerAfterItReadJob1(network, redis, "worker-1");

            try (Jedis client = redis.client()) {
                assertThat(pendingEntries(client).get(0).getDeliveredTimes())
                        .as("delivered once, to worker-1")
                        .isEqualTo(1);
                // control: an entry idle for less than the min-idle-time is left alone (its consumer may just be slow)
                assertThat(autoclaim(client, Duration.ofMinutes(1)).claimed())
                        .as("XAUTOCLAIM with a min-idle-time of 1 min takes nothing idle for less")
                        .isEmpty();

                // when: consumer-2 runs XAUTOCLAIM with a min-idle-time that the dead consumer's entry has passed
                List<String> claimed = awaitAutoclaim(client);

                // then: consumer-2 gets job-1, and the group counts a second delivery
                assertThat(claimed)
                        .as("XAUTOCLAIM hands the dead consumer's pending entry to another consumer")
                        .containsExactly("job-1");
                StreamPendingEntry pending = pendingEntries(client).get(0);
                assertThat(pending.getID()).isEqualTo(job1);
                assertThat(pending.getConsumerName())
                        .as("the entry now belongs to consumer-2")
                        .isEqualTo(RECOVERER);
                assertThat(pending.getDeliveredTimes())
                        .as("its delivery count rose from 1 to 2: the new owner can tell it is a redelivery")
                        .isEqualTo(2);
            }
        }
    }

    @Test
    @Claim("RED-8")
    void xackRemovesTheEntryFromThePendingList() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: job-1, whose first consumer died before XACK, claimed and processed by consumer-2
            StreamEntryID job1 = killConsumerAfterItReadJob1(network, redis, "worker-1");
            try (Jedis client = redis.client()) {
                assertThat(awaitAutoclaim(client)).containsExactly("job-1");
                assertThat(client.xpending(STREAM, GROUP).getTotal())
                        .as("claimed and processed but not yet acknowledged: still pending")
                        .isEqualTo(1);

                // when: consumer-2 acknowledges it
                long acknowledged = client.xack(STREAM, GROUP, job1);

                // then
                assertThat(acknowledged).as("XACK acknowledged one entry").isEqualTo(1);
                assertThat(client.xpending(STREAM, GROUP).getTotal())
                        .as("XACK removes the entry from the pending list")
                        .isZero();
                assertThat(autoclaim(client, Duration.ZERO).claimed())
                        .as("so no one will ever claim it again")
                        .isEmpty();
            }
        }
    }

    @Test
    @Claim("RED-12")
    void aPendingEntryTrimmedFromTheStreamIsReportedDeletedByXautoclaimNotHandedOver() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: job-1 pending with worker-1, killed before XACK, and a newer job-2 in the stream
            StreamEntryID job1 = killConsumerAfterItReadJob1(network, redis, "worker-1");
            try (Jedis client = redis.client()) {
                client.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("job", "job-2"));

                // when: the stream is capped to its newest entry, as XTRIM MAXLEN does, pending or not
                assertThat(client.xtrim(STREAM, 1, false))
                        .as("XTRIM jobs MAXLEN 1 removed the oldest entry, job-1")
                        .isEqualTo(1);

                // then: the recovery finds the entry gone, reported by id, and the job is lost
                assertRecoveryFindsOnlyTheIdOf(client, job1);
            }
        }
    }

    @Test
    @Claim("RED-12")
    void aPendingEntryDeletedWithXdelIsReportedDeletedByXautoclaimNotHandedOver() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: the same
            StreamEntryID job1 = killConsumerAfterItReadJob1(network, redis, "worker-1");
            try (Jedis client = redis.client()) {
                client.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("job", "job-2"));

                // when: job-1 is deleted from the stream by its id
                assertThat(client.xdel(STREAM, job1))
                        .as("XDEL removed job-1, pending or not")
                        .isEqualTo(1);

                // then
                assertRecoveryFindsOnlyTheIdOf(client, job1);
            }
        }
    }

    @Test
    @Claim("RED-12")
    void aPendingEntryLeftInTheStreamIsHandedOverByXautoclaimAndNotReportedDeleted() {
        try (Network network = LabNetwork.create();
                RedisService redis = new RedisService().onNetwork(network)) {
            redis.start();
            // given: the same, and nothing removes job-1 from the stream: the control
            killConsumerAfterItReadJob1(network, redis, "worker-1");
            try (Jedis client = redis.client()) {
                client.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("job", "job-2"));

                // when: consumer-2 runs the same recovery
                Autoclaim recovery = autoclaim(client, Duration.ZERO);

                // then: it gets job-1 itself, and nothing is reported deleted
                assertThat(recovery.claimed())
                        .as("a pending entry still in the stream is handed to the new consumer")
                        .containsExactly("job-1");
                assertThat(recovery.deleted())
                        .as("XAUTOCLAIM's third reply element: no pending entry was missing from the stream")
                        .isEmpty();
            }
        }
    }

    /**
     * consumer-2's recovery after job-1 was removed from the stream: before it, the group still lists job-1 as
     * pending; XAUTOCLAIM hands over nothing and returns job-1's id in its third reply element, and removes it from the
     * pending list. job-1 is then in neither the stream nor the group: lost, though no consumer acknowledged it.
     */
    private static void assertRecoveryFindsOnlyTheIdOf(Jedis client, StreamEntryID job1) {
        assertThat(pendingEntries(client))
                .extracting(StreamPendingEntry::getID)
                .as(
                        "the group still lists job-1 as pending: removing an entry from the stream leaves its pending reference")
                .containsExactly(job1);

        // min-idle-time 0: an entry missing from the stream is reported whatever its idle time
        Autoclaim recovery = autoclaim(client, Duration.ZERO);

        assertThat(recovery.claimed())
                .as("XAUTOCLAIM cannot hand over an entry that is no longer in the stream")
                .isEmpty();
        assertThat(recovery.deleted())
                .as("XAUTOCLAIM reports it by id, in the third element of its reply")
                .containsExactly(job1);
        assertThat(client.xpending(STREAM, GROUP).getTotal())
                .as("and clears it from the pending entries list")
                .isZero();
        assertThat(client.xrange(STREAM, job1, job1, 1))
                .as("job-1 is gone from the stream")
                .isEmpty();
    }

    /**
     * Creates the stream and the group, adds job-1, and starts worker-1, which reads it with XREADGROUP and hangs
     * while processing it; kills it there with kill -9. Returns job-1's entry id.
     */
    private static StreamEntryID killConsumerAfterItReadJob1(
            Network network, RedisService redis, String... workerArgs) {
        StreamEntryID job1;
        try (Jedis client = redis.client()) {
            client.xgroupCreate(STREAM, GROUP, StreamEntryID.XGROUP_LAST_ENTRY, true); // MKSTREAM
            job1 = client.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("job", "job-1"));
        }
        LogLines output = new LogLines();
        try (JavaAppService worker = worker("worker-1", network, output, RedisStreamWorker.class, workerArgs)) {
            worker.start();
            awaitLine(output, "read " + job1 + " job-1");
            Faults.killNine(worker);
        }
        return job1;
    }

    /** consumer-2's XREADGROUP GROUP workers consumer-2 COUNT 10 STREAMS jobs >, without blocking. */
    private static List<String> readNewEntries(Jedis client) {
        var read = client.xreadGroup(
                GROUP,
                RECOVERER,
                XReadGroupParams.xReadGroupParams().count(10),
                Map.of(STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        return read == null ? List.of() : jobs(read.get(0).getValue());
    }

    /**
     * XAUTOCLAIM's reply: the jobs it handed to consumer-2, and (its third element, since Redis 7.0) the ids of pending
     * entries it found missing from the stream and cleared from the pending list.
     */
    private record Autoclaim(List<String> claimed, List<StreamEntryID> deleted) {}

    /**
     * consumer-2's XAUTOCLAIM jobs workers consumer-2 <minIdle> 0-0 COUNT 10. Jedis's string form drops the third
     * reply element, so this reads the raw reply.
     */
    private static Autoclaim autoclaim(Jedis client, Duration minIdle) {
        List<Object> reply = client.xautoclaim(
                SafeEncoder.encode(STREAM),
                SafeEncoder.encode(GROUP),
                SafeEncoder.encode(RECOVERER),
                minIdle.toMillis(),
                SafeEncoder.encode("0-0"),
                XAutoClaimParams.xAutoClaimParams().count(10));
        return new Autoclaim(
                jobs(BuilderFactory.STREAM_ENTRY_LIST.build(reply.get(1))),
                BuilderFactory.STREAM_ENTRY_ID_LIST.build(reply.get(2)));
    }

    /** Retries XAUTOCLAIM until the entry has been idle for {@link #MIN_IDLE} and is claimed. */
    private static List<String> awaitAutoclaim(Jedis client) {
        return Awaitility.await("XAUTOCLAIM takes the idle entry")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> autoclaim(client, MIN_IDLE).claimed(), claimed -> !claimed.isEmpty());
    }

    private static List<StreamPendingEntry> pendingEntries(Jedis client) {
        return client.xpending(STREAM, GROUP, XPendingParams.xPendingParams().count(10));
    }

    private static List<String> jobs(List<StreamEntry> entries) {
        return entries.stream().map(entry -> entry.getFields().get("job")).toList();
    }
}
