package interviewlab.redisvsrabbitmq.replicated;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.FaultEvent;
import interviewlab.support.faults.FaultLog;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.awaitility.Awaitility;

/**
 * The failover side by side: the same workload and the same fault on Redis with Sentinel and on a RabbitMQ quorum
 * queue on three nodes. A writer on the host writes numbered messages, one after another, each acknowledged or not;
 * after 100 acknowledged, the leader (the primary, the queue's leader) is killed or partitioned from the other nodes;
 * the writer goes on, connecting again to whichever node the cluster names leader when its own connection fails or a
 * write is refused; once a new leader took 100 more, the writes stop and the checker counts every acknowledged message
 * the cluster no longer holds. {@link Result#check()} is the checker the test and the demo share.
 */
public final class FailoverSideBySide {
    /** Acknowledged writes before the fault, and after the new leader took over. */
    public static final int WRITES_PER_PHASE = 100;
    /** During a partition, attempts the writer makes on the side it is on before the partition heals. */
    private static final int ATTEMPTS_DURING_PARTITION = 20;
    /**
     * A steady 200 writes a second, as a service takes orders: pacing, not synchronisation (every step of the story
     * waits on a count or on the cluster's own answer). Unpaced, Redis would take tens of thousands during a failover.
     */
    private static final long PAUSE_BETWEEN_WRITES_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final Duration WAIT = Duration.ofSeconds(120);

    /** The brokers side by side. */
    public enum Broker {
        REDIS_SENTINEL,
        RABBIT_QUORUM;

        ReplicatedStore store() {
            return this == REDIS_SENTINEL ? new RedisSentinelStore() : new RabbitQuorumStore();
        }
    }

    private final Narrator narrator;

    public FailoverSideBySide(Narrator narrator) {
        this.narrator = narrator;
    }

    /**
     * What one run observed.
     *
     * @param broker which cluster
     * @param fault what was done to its leader
     * @param label the cluster, as the table calls it
     * @param oldLeader the node that led when the fault began
     * @param newLeader the node the rest of the cluster elected
     * @param acknowledged every message the broker acknowledged
     * @param acknowledgedByOldLeader of those, the ones the old leader acknowledged, before the fault and during it
     * @param acknowledgedByOldLeaderDuringFault the ones it acknowledged after the fault began: while cut off, or in
     *     the moment before a kill landed
     * @param attemptsOnOldLeaderDuringFault how many writes the client tried on the old leader after the fault began
     * @param stored every message the cluster held at the end, read through its leader
     * @param faults what the nemesis did, when
     */
    public record Result(
            Broker broker,
            LeaderFault fault,
            String label,
            String oldLeader,
            String newLeader,
            SortedSet<Long> acknowledged,
            SortedSet<Long> acknowledgedByOldLeader,
            SortedSet<Long> acknowledgedByOldLeaderDuringFault,
            long attemptsOnOldLeaderDuringFault,
            SortedSet<Long> stored,
            List<FaultEvent> faults) {

        /** Every acknowledged message the cluster no longer holds. */
        public SortedSet<Long> lost() {
            SortedSet<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(stored);
            return lost;
        }

        /**
         * Whether the lost messages are the newest the old leader acknowledged before it died: the ones it had not yet
         * replicated. Nothing lost is such a tail too.
         */
        public boolean lostIsTheOldLeadersNewestWrites() {
            SortedSet<Long> lost = lost();
            if (lost.isEmpty()) {
                return true;
            }
            return acknowledgedByOldLeader.tailSet(lost.first()).equals(lost);
        }

        /** The checker: CMP-4 for this broker and this fault, against what the run observed. */
        public Verdict check() {
            String what = String.format(
                    "%s, %s: %d acknowledged, %d lost", label, fault.label(), acknowledged.size(), lost().size());
            if (broker == Broker.RABBIT_QUORUM && fault == LeaderFault.PARTITIONED) {
                boolean cutOffConfirmedNothing =
                        attemptsOnOldLeaderDuringFault > 0 && acknowledgedByOldLeaderDuringFault.isEmpty();
                return Verdict.holdsIf(
                        lost().isEmpty() && cutOffConfirmedNothing,
                        "CMP-4",
                        what + ": the cut-off node confirmed none of the " + attemptsOnOldLeaderDuringFault
                                + " writes tried on it, and nothing confirmed was lost",
                        what + "; the cut-off node confirmed " + acknowledgedByOldLeaderDuringFault.size() + " of "
                                + attemptsOnOldLeaderDuringFault + " writes tried on it; lost " + lost());
            }
            if (broker == Broker.RABBIT_QUORUM) {
                return Verdict.holdsIf(
                        lost().isEmpty(),
                        "CMP-4",
                        what + ": every confirmed message outlived the leader",
                        what + ": the quorum queue lost messages it had confirmed " + lost());
            }
            if (fault == LeaderFault.PARTITIONED) {
                return Verdict.holdsIf(
                        !acknowledgedByOldLeaderDuringFault.isEmpty()
                                && lost().equals(acknowledgedByOldLeaderDuringFault),
                        "CMP-4",
                        what + ": exactly the " + acknowledgedByOldLeaderDuringFault.size()
                                + " writes the cut-off primary acknowledged, discarded when it rejoined",
                        what + ", where exactly the " + acknowledgedByOldLeaderDuringFault.size()
                                + " writes the cut-off primary acknowledged should be: lost " + lost());
            }
            if (lost().isEmpty()) {
                return Verdict.notShown(
                        "CMP-4",
                        "%s: the replicas had every write when the kill landed, so nothing was at stake this run",
                        what);
            }
            return Verdict.holdsIf(
                    lostIsTheOldLeadersNewestWrites(),
                    "CMP-4",
                    what + ": the newest writes the primary had acknowledged and not yet replicated " + lost(),
                    what + ", not the primary's newest writes: " + lost());
        }
    }

    public Result run(Broker broker, LeaderFault fault) {
        Instant start = Instant.now();
        try (ReplicatedStore store = broker.store()) {
            narrator.say("lab", "starting %s", store.label());
            store.start();
            LabContainer<?> oldLeader = store.leader();
            narrator.say("lab", "%s leads", oldLeader.serviceName());
            Workload workload = new Workload(store, oldLeader);
            Thread writer = new Thread(workload, "writer");
            writer.start();
            try {
                workload.awaitAcknowledged(WRITES_PER_PHASE);
                narrator.say("writer", "%d writes acknowledged by %s", WRITES_PER_PHASE, oldLeader.serviceName());
                LabContainer<?> newLeader;
                if (fault == LeaderFault.KILLED) {
                    narrator.say("nemesis", "kill -9 %s", oldLeader.serviceName());
                    workload.faultBegins();
                    Faults.killNine(oldLeader);
                    newLeader = store.awaitLeaderOtherThan(oldLeader);
                    narrator.say("lab", "the cluster elected %s", newLeader.serviceName());
                } else {
                    narrator.say("nemesis", "partition %s from the other nodes", oldLeader.serviceName());
                    // No write is in flight while the rules go in, one link after another: each write is before the
                    // partition or during all of it.
                    try (Fault partition = workload.heldWhile(() -> {
                        Fault cut = Faults.isolate(oldLeader, store.nodes());
                        workload.faultBegins();
                        return cut;
                    })) {
                        newLeader = store.awaitLeaderOtherThan(oldLeader);
                        narrator.say("lab", "the other side elected %s", newLeader.serviceName());
                        workload.awaitAttemptsSinceFault(ATTEMPTS_DURING_PARTITION);
                        narrator.say(
                                "writer",
                                "during the partition the old leader %s acknowledged %d writes",
                                oldLeader.serviceName(),
                                workload.acknowledgedByOldLeaderDuringFault.size());
                        narrator.say("nemesis", "heal the partition");
                    }
                    store.awaitRejoined(oldLeader);
                    narrator.say(
                            "lab", "%s rejoined as a follower of %s", oldLeader.serviceName(), newLeader.serviceName());
                }
                workload.awaitAcknowledgedSinceFaultBy(newLeader, WRITES_PER_PHASE);
                narrator.say("writer", "%d more writes acknowledged by %s", WRITES_PER_PHASE, newLeader.serviceName());
                workload.stop(writer);
                SortedSet<Long> stored = store.stored();
                Result result = new Result(
                        broker,
                        fault,
                        store.label(),
                        oldLeader.serviceName(),
                        newLeader.serviceName(),
                        new TreeSet<>(workload.acknowledged),
                        new TreeSet<>(workload.acknowledgedByOldLeader),
                        new TreeSet<>(workload.acknowledgedByOldLeaderDuringFault),
                        workload.attemptsOnOldLeaderDuringFault.get(),
                        stored,
                        FaultLog.since(start));
                narrator.say(
                        "checker",
                        "%d acknowledged, %d held by the cluster, %d acknowledged and lost",
                        result.acknowledged().size(),
                        stored.size(),
                        result.lost().size());
                return result;
            } finally {
                workload.stopQuietly(writer); // stopped already, unless the story failed: then its failure stands
            }
        }
    }

    /** The writer: numbered messages one after another, connecting again where its connection fails. */
    private static final class Workload implements Runnable {
        private final ReplicatedStore store;
        private final LabContainer<?> oldLeader;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean duringFault = new AtomicBoolean();
        private final AtomicLong attemptsSinceFault = new AtomicLong();
        private final AtomicLong attemptsOnOldLeaderDuringFault = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final SortedSet<Long> acknowledged = new ConcurrentSkipListSet<>();
        private final SortedSet<Long> acknowledgedByOldLeader = new ConcurrentSkipListSet<>();
        private final SortedSet<Long> acknowledgedByOldLeaderDuringFault = new ConcurrentSkipListSet<>();
        private final SortedSet<Long> acknowledgedSinceFaultByOthers = new ConcurrentSkipListSet<>();
        private volatile LabContainer<?> connectedTo;
        /** Held by the writer for each write; the nemesis takes it to hold the writes while it acts. */
        private final ReentrantLock turn = new ReentrantLock(true);

        Workload(ReplicatedStore store, LabContainer<?> oldLeader) {
            this.store = store;
            this.oldLeader = oldLeader;
        }

        @Override
        public void run() {
            ReplicatedStore.Writer writer = null;
            try {
                connectedTo = oldLeader;
                writer = store.connectTo(oldLeader);
                for (long id = 0; running.get(); id++) {
                    boolean fault;
                    boolean acked;
                    turn.lock();
                    try {
                        fault = duringFault.get();
                        acked = writer.write(id);
                    } catch (Exception connectionGone) {
                        fault = duringFault.get();
                        acked = false;
                    } finally {
                        turn.unlock();
                    }
                    if (fault) {
                        attemptsSinceFault.incrementAndGet();
                        if (connectedTo == oldLeader) {
                            attemptsOnOldLeaderDuringFault.incrementAndGet();
                        }
                    }
                    if (acked) {
                        record(id, fault);
                    } else if (running.get()) {
                        writer.close();
                        writer = connectToLeader();
                        if (writer == null) {
                            break; // stopped while it was connecting
                        }
                    }
                    LockSupport.parkNanos(PAUSE_BETWEEN_WRITES_NANOS);
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                if (writer != null) {
                    writer.close();
                }
            }
        }

        private void record(long id, boolean fault) {
            acknowledged.add(id);
            if (connectedTo == oldLeader) {
                acknowledgedByOldLeader.add(id);
                if (fault) {
                    acknowledgedByOldLeaderDuringFault.add(id);
                }
            } else if (fault) {
                acknowledgedSinceFaultByOthers.add(id);
            }
        }

        /** Connects to whichever node the cluster names leader now, as soon as one answers; null once stopped. */
        private ReplicatedStore.Writer connectToLeader() {
            AtomicReference<ReplicatedStore.Writer> connected = new AtomicReference<>();
            Awaitility.await("the writer connects to the cluster's leader")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!running.get()) {
                            return true;
                        }
                        LabContainer<?> leader = store.leader();
                        connected.set(store.connectTo(leader));
                        connectedTo = leader;
                        return true;
                    });
            return connected.get();
        }

        /** Runs {@code action} between two writes, the writer waiting. */
        <T> T heldWhile(java.util.function.Supplier<T> action) {
            turn.lock();
            try {
                return action.get();
            } finally {
                turn.unlock();
            }
        }

        void faultBegins() {
            duringFault.set(true);
        }

        void awaitAcknowledged(int count) {
            awaitWriter(count + " writes acknowledged", () -> acknowledged.size() >= count);
        }

        void awaitAttemptsSinceFault(int count) {
            awaitWriter(count + " writes tried since the fault began", () -> attemptsSinceFault.get() >= count);
        }

        void awaitAcknowledgedSinceFaultBy(LabContainer<?> leader, int count) {
            awaitWriter(
                    count + " writes acknowledged by " + leader.serviceName() + " since the fault",
                    () -> connectedTo == leader && acknowledgedSinceFaultByOthers.size() >= count);
        }

        private void awaitWriter(String what, java.util.concurrent.Callable<Boolean> condition) {
            Awaitility.await(what)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the writer failed", () -> failure.get() != null)
                    .until(condition);
        }

        void stopQuietly(Thread writer) {
            running.set(false);
            try {
                writer.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop(Thread writer) {
            stopQuietly(writer);
            if (failure.get() != null) {
                throw new IllegalStateException("the writer failed: " + failure.get(), failure.get());
            }
        }
    }
}
