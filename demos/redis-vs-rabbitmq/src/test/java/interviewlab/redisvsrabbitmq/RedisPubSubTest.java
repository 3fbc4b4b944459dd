package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.DeliveryHistory;
import interviewlab.support.checks.DeliveryVerdict;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis Pub/Sub: fire and forget. A message goes to the subscribers connected at PUBLISH time, or to no one.
 * Timed: RED-2's control, a subscriber that keeps up, keeps up only while its thread gets the CPU; beside other jobs
 * on 2 cores (load 10-16) its last message once did not arrive within 10 s. The whole class runs alone, because
 * Surefire writes one report per class and a second run of the class would replace the first one's.
 */
@Tag("timed")
class RedisPubSubTest {
    private static final String CHANNEL = "news";
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    /** Small enough that a stalled subscriber reaches it quickly; the default for pubsub clients is 32 MB. */
    private static final String SMALL_PUBSUB_LIMIT = "pubsub 256kb 0 0";

    private static final String PADDING = "x".repeat(4 * 1024);
    /**
     * The workload: 5,000 messages of 4 KB (20 MB). A subscriber that keeps reading gets them all; a stalled one
     * is dropped long before (about 1,300 here: the 256 KB limit plus what the TCP buffers between the two hold).
     */
    private static final int MESSAGES = 5_000;

    @Test
    @Claim("RED-1")
    void pubSubSubscriberNotConnectedAtPublishTimeNeverGetsTheMessage() {
        try (RedisService redis = new RedisService()) {
            redis.start();
            DeliveryHistory history = new DeliveryHistory();
            try (Jedis publisher = redis.client()) {
                // given: a subscriber that receives message 1
                try (Subscriber subscriber = Subscriber.reading(redis, history)) {
                    publish(publisher, 1, history);
                    subscriber.awaitReceived(1);
                }

                // when: message 2 is published while the subscriber is not connected (a restart, a network blip)
                long receivers = publish(publisher, 2, history);

                // and the subscriber is back for message 3
                try (Subscriber subscriber = Subscriber.reading(redis, history)) {
                    publish(publisher, 3, history);
                    subscriber.awaitReceived(3);
                }

                // then: message 2 went to no one, and nothing ever brings it back
                assertThat(receivers)
                        .as("PUBLISH reports how many subscribers got the message: none")
                        .isZero();
                DeliveryVerdict verdict = history.check();
                // one connection delivers in order: once message 3 has arrived, message 2 never will
                assertThat(verdict.lost())
                        .as(
                                "Pub/Sub is at most once: a subscriber not connected at PUBLISH time never gets the message")
                        .containsExactly(2L);
            }
        }
    }

    @Test
    @Claim("RED-1")
    void pubSubSubscriberConnectedAtPublishTimeGetsEveryMessage() {
        try (RedisService redis = new RedisService()) {
            redis.start();
            DeliveryHistory history = new DeliveryHistory();
            // given: a subscriber connected the whole time
            try (Jedis publisher = redis.client();
                    Subscriber subscriber = Subscriber.reading(redis, history)) {
                // when: messages 1, 2, 3 are published
                List<Long> receivers = LongStream.rangeClosed(1, 3)
                        .mapToObj(id -> publish(publisher, id, history))
                        .toList();

                // then
                subscriber.awaitReceived(3);
                assertThat(receivers)
                        .as("each PUBLISH reached the one connected subscriber")
                        .containsOnly(1L);
                assertThat(history.check().nothingLost())
                        .as("a connected subscriber gets every message")
                        .isTrue();
            }
        }
    }

    @Test
    @Claim("RED-2")
    void aSlowPubSubSubscriberIsDisconnectedAtItsOutputBufferLimitAndWhatItMissedIsGone() {
        try (RedisService redis = new RedisService()) {
            redis.start();
            DeliveryHistory history = new DeliveryHistory();
            try (Jedis publisher = redis.client()) {
                // given: a small output-buffer limit for Pub/Sub clients, and a subscriber stuck after its first
                // message
                publisher.configSet("client-output-buffer-limit", SMALL_PUBSUB_LIMIT);
                Subscriber slow = Subscriber.stalling(redis, history);
                Publishing publishing;
                try (slow) {
                    // when: the publisher publishes 4 KB messages as fast as it can, until PUBLISH reaches no one
                    publishing = publishUntilNoOneListens(publisher, history);

                    // then: the server dropped the subscriber, and the publisher never waited for it
                    System.out.printf(
                            "slow subscriber: dropped after message %d of 4 KB; %d PUBLISH calls took %d ms, the slowest %d ms%n",
                            publishing.firstReachingNoOne() - 1,
                            publishing.firstReachingNoOne(),
                            publishing.millis(),
                            publishing.slowestMillis());
                    assertThat(publishing.lastReceivers())
                            .as("the slow subscriber was dropped: PUBLISH reaches no one")
                            .isZero();
                    assertThat(publisher.info("stats"))
                            .as("Redis counts one disconnection for the output-buffer limit")
                            .contains("client_output_buffer_limit_disconnections:1");
                    assertThat(slow.received())
                            .as(
                                    "the publisher was never held back: every PUBLISH returned while the subscriber read nothing after message 1")
                            .containsExactly(1L);

                    // and when the subscriber reads again, it gets what the network had buffered, then finds its
                    // connection closed
                    slow.resume();
                    assertThat(slow.awaitEnd())
                            .as("the server closed the slow subscriber's connection")
                            .isNotNull();
                }
                long lastBeforeDrop = slow.received().get(slow.received().size() - 1);

                // and a new subscription gets only the messages published after it
                long next = publishing.firstReachingNoOne() + 1;
                List<Long> newMessages =
                        LongStream.range(next, next + 10).boxed().toList();
                try (Subscriber again = Subscriber.reading(redis, history)) {
                    newMessages.forEach(id -> publish(publisher, id, history));
                    again.awaitReceived(newMessages.get(newMessages.size() - 1));
                    assertThat(again.received())
                            .as("a re-subscribe gets only new messages, none of those it missed")
                            .containsExactlyElementsOf(newMessages);
                }
                DeliveryVerdict verdict = history.check();
                System.out.printf(
                        "slow subscriber: received messages 1 to %d before the drop; %s%n",
                        lastBeforeDrop, verdict.summary());
                assertThat(verdict.lost())
                        .as(
                                "what the dropped subscriber missed is gone for good: every message from %d to %d",
                                lastBeforeDrop + 1, publishing.firstReachingNoOne())
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(lastBeforeDrop + 1, publishing.firstReachingNoOne())
                                        .boxed()
                                        .toList());
            }
        }
    }

    @Test
    @Claim("RED-2")
    void aPubSubSubscriberThatKeepsReadingGetsEveryMessageUnderTheSameLimit() {
        try (RedisService redis = new RedisService()) {
            redis.start();
            DeliveryHistory history = new DeliveryHistory();
            try (Jedis publisher = redis.client()) {
                // given: the same small limit, and a subscriber that reads as fast as messages come
                publisher.configSet("client-output-buffer-limit", SMALL_PUBSUB_LIMIT);
                try (Subscriber subscriber = Subscriber.reading(redis, history)) {
                    // when: all 5,000 messages of 4 KB are published, as fast as the publisher can
                    List<Long> receivers = LongStream.rangeClosed(1, MESSAGES)
                            .mapToObj(id -> publish(publisher, id, history))
                            .toList();

                    // then: its output buffer never fills up, and it gets every message
                    subscriber.awaitReceived(MESSAGES);
                    DeliveryVerdict verdict = history.check();
                    assertThat(receivers)
                            .as("every PUBLISH reached the subscriber")
                            .containsOnly(1L);
                    assertThat(verdict.nothingLost())
                            .as("a subscriber that keeps reading gets every message: %s", verdict)
                            .isTrue();
                    assertThat(publisher.info("stats"))
                            .as("no client was disconnected")
                            .contains("client_output_buffer_limit_disconnections:0");
                }
            }
        }
    }

    /** What the publisher saw: the first message that reached no subscriber, and how long PUBLISH took. */
    private record Publishing(long firstReachingNoOne, long lastReceivers, long millis, long slowestMillis) {}

    /** Publishes message 1, 2, ... until one reaches no subscriber, or all {@link #MESSAGES} are out. */
    private static Publishing publishUntilNoOneListens(Jedis publisher, DeliveryHistory history) {
        long started = System.nanoTime();
        long slowest = 0;
        long id = 0;
        long receivers;
        do {
            long start = System.nanoTime();
            receivers = publish(publisher, ++id, history);
            slowest = Math.max(slowest, System.nanoTime() - start);
        } while (receivers > 0 && id < MESSAGES);
        return new Publishing(id, receivers, (System.nanoTime() - started) / 1_000_000, slowest / 1_000_000);
    }

    /** PUBLISH news "<id>:<4 KB>"; returns how many subscribers it reached. */
    private static long publish(Jedis publisher, long id, DeliveryHistory history) {
        history.sent(id);
        return publisher.publish(CHANNEL, id + ":" + PADDING);
    }

    /** A subscriber on its own connection and thread, recording every message id it receives. */
    private static final class Subscriber implements AutoCloseable {
        private final Jedis connection;
        private final DeliveryHistory history;
        private final List<Long> received = new ArrayList<>();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private final CountDownLatch resume;
        private final JedisPubSub pubSub = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                long id = Long.parseLong(message.substring(0, message.indexOf(':')));
                history.received(id);
                synchronized (received) {
                    received.add(id);
                }
                stallIfAsked();
            }
        };
        private final CompletableFuture<Void> ended;

        private Subscriber(RedisService redis, DeliveryHistory history, boolean stalls) {
            this.connection = redis.client();
            this.history = history;
            this.resume = new CountDownLatch(stalls ? 1 : 0);
            // SUBSCRIBE blocks its caller for as long as it is subscribed: it gets a thread of its own
            this.ended = CompletableFuture.runAsync(
                    () -> connection.subscribe(pubSub, CHANNEL), task -> new Thread(task, "subscriber").start());
            try {
                assertThat(subscribed.await(DELIVERY.toSeconds(), TimeUnit.SECONDS))
                        .as("subscribed")
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Reads every message as it comes. */
        static Subscriber reading(RedisService redis, DeliveryHistory history) {
            return new Subscriber(redis, history, false);
        }

        /** Reads the first message, then stops reading its connection until {@link #resume()}: a stuck consumer. */
        static Subscriber stalling(RedisService redis, DeliveryHistory history) {
            return new Subscriber(redis, history, true);
        }

        private void stallIfAsked() {
            try { // bounded, so that a failing test cannot leave the thread stuck
                resume.await(DELIVERY.toSeconds() * 6, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void resume() {
            resume.countDown();
        }

        List<Long> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        void awaitReceived(long id) {
            Awaitility.await("message " + id + " received")
                    .atMost(DELIVERY)
                    .until(() -> received().contains(id));
        }

        /** Waits until the subscription ends; returns why (a closed connection), or null if it was unsubscribed. */
        Throwable awaitEnd() {
            return ended.handle((ok, failure) -> failure)
                    .orTimeout(DELIVERY.toSeconds(), TimeUnit.SECONDS)
                    .join();
        }

        @Override
        public void close() {
            resume();
            if (!ended.isDone()) {
                try {
                    pubSub.unsubscribe();
                } catch (JedisConnectionException closedMeanwhile) {
                    // the server closed the connection first: nothing left to unsubscribe
                }
            }
            ended.exceptionally(e -> null)
                    .orTimeout(DELIVERY.toSeconds(), TimeUnit.SECONDS)
                    .join();
            connection.close();
        }
    }
}
