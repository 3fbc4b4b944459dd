package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.sidebyside.Setup;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide.Result;
import interviewlab.support.claims.Claim;
import interviewlab.support.narration.Narrator;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same story for every setup: 1,000 numbered messages, the consumer killed with kill -9 at a random point,
 * the broker restarted, a new consumer taking over. The consumer works 5 ms per message and is killed after
 * 100 to 500 of them, so at least 2.5 s of work is still ahead of it when it dies: far more than the time a
 * kill takes, so what was in flight is there to be lost, whatever the random point.
 */
class SideBySideTest {
    private static final int MESSAGES = 1_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE", "REDIS_STREAM_GROUP", "RABBIT_MANUAL_ACK", "RABBIT_QUORUM"})
    @Claim("CMP-1")
    void atLeastOnceSetupsLoseNothingWhenTheConsumerDiesAndTheBrokerRestarts(Setup setup) throws Exception {
        // given / when: the workload, the kill, the restart, the takeover
        Result result = new SideBySide(new Narrator()).run(setup, MESSAGES, randomKillPoint());

        // then
        assertThat(result.verdict().lost()).as("%s is at least once: no message is lost (%s)", setup.label(), result.verdict()).isEmpty();
        assertThat(result.verdict().duplicated().size())
                .as("only a message processed but not yet acknowledged when the consumer died can be processed twice (%s)", result.verdict())
                .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_PUBSUB", "RABBIT_AUTO_ACK"})
    @Claim("CMP-2")
    void atMostOnceSetupsLoseWhatTheDeadConsumerHadReceivedButNotProcessed(Setup setup) throws Exception {
        // given / when
        Result result = new SideBySide(new Narrator()).run(setup, MESSAGES, randomKillPoint());

        // then
        assertThat(result.verdict().lost()).as("%s is at most once: what the dead consumer held is gone (%s)", setup.label(), result.verdict())
                .isNotEmpty();
        assertThat(result.verdict().duplicated()).as("at most once never delivers twice").isEmpty();
    }

    @Test
    @Claim("CMP-2")
    void brpopLosesAtMostTheOneMessageInFlight() throws Exception {
        // given / when
        Result result = new SideBySide(new Narrator()).run(Setup.REDIS_LIST_BRPOP, MESSAGES, randomKillPoint());

        // then: the list kept everything not yet popped; only the message popped and not finished can be gone
        assertThat(result.verdict().lost().size()).as("BRPOP loses at most the one message it had popped (%s)", result.verdict())
                .isLessThanOrEqualTo(1);
        assertThat(result.verdict().duplicated()).as("a popped message is never delivered again").isEmpty();
    }

    private static int randomKillPoint() {
        return ThreadLocalRandom.current().nextInt(100, 501);
    }
}
