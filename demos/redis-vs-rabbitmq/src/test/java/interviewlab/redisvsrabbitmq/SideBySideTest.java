package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.sidebyside.BrokerFault;
import interviewlab.redisvsrabbitmq.sidebyside.Setup;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide.Result;
import interviewlab.support.claims.Claim;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same story for every setup: 1,000 numbered messages, the consumer killed with kill -9 at a random point,
 * the broker restarted (or killed with kill -9 and started), a new consumer taking over. The consumer works 5 ms per
 * message and is killed after 100 to 500 of them, so at least 2.5 s of work is still ahead of it when it dies: far
 * more than the time a kill takes, so what was in flight is there to be lost, whatever the random point. Each test
 * also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class SideBySideTest {
    private static final int MESSAGES = 1_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE", "REDIS_STREAM_GROUP", "RABBIT_MANUAL_ACK", "RABBIT_QUORUM"})
    @Claim("CMP-1")
    void atLeastOnceSetupsLoseNothingWhenTheConsumerDiesAndTheBrokerRestarts(Setup setup) throws Exception {
        // given / when: the workload, the consumer's kill, a graceful broker restart, the takeover
        Result result = run(setup, BrokerFault.GRACEFUL_RESTART);

        // then
        assertThat(result.verdict().lost()).as("%s is at least once: no message is lost (%s)", setup.label(), result.verdict()).isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as("only the message consumer-1 processed last, whose ack may not have left before the kill, can be processed twice (%s)",
                        result.verdict())
                .isSubsetOf(result.mayBeDuplicated());
        assertThat(result.verdict().duplicated().values()).as("and that one at most twice").allMatch(times -> times == 2);
        assertThat(result.check().kind()).as("the checker the demo prints agrees: %s", result.check().line()).isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_PUBSUB", "RABBIT_AUTO_ACK"})
    @Claim("CMP-2")
    void atMostOnceSetupsLoseExactlyWhatTheDeadConsumerHeld(Setup setup) throws Exception {
        // given / when
        Result result = run(setup, BrokerFault.GRACEFUL_RESTART);

        // then: the broker had pushed far more than the consumer had processed, and exactly that is gone
        assertThat(result.heldByFirst()).as("the broker had handed %s's consumer messages it had not processed yet", setup.label()).isNotEmpty();
        assertThat(result.verdict().lost()).as("%s is at most once: exactly what the dead consumer held is lost (%s)", setup.label(), result.verdict())
                .isEqualTo(result.heldByFirst());
        assertThat(result.verdict().duplicated()).as("at most once never delivers twice").isEmpty();
        assertThat(result.check().kind()).as("the checker the demo prints agrees: %s", result.check().line()).isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-2")
    void brpopLosesExactlyTheMessageItHadPoppedAndNotFinished() throws Exception {
        // given / when
        Result result = run(Setup.REDIS_LIST_BRPOP, BrokerFault.GRACEFUL_RESTART);

        // then: the list kept everything not yet popped; what is gone is what the dead consumer had popped, at most one
        assertThat(result.verdict().lost()).as("BRPOP loses exactly what it had popped and not processed (%s)", result.verdict())
                .isEqualTo(result.heldByFirst());
        assertThat(result.heldByFirst()).as("a BRPOP consumer holds at most the one message it is working on").hasSizeLessThanOrEqualTo(1);
        assertThat(result.verdict().duplicated()).as("a popped message is never delivered again").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE", "REDIS_STREAM_GROUP"})
    @Claim("CMP-3")
    void redisWithDefaultPersistenceLosesEverythingNotYetProcessedWhenKilled(Setup setup) throws Exception {
        // given / when: as before, but the broker is killed with kill -9 instead of stopped
        Result result = run(setup, BrokerFault.KILL_NINE);

        // then: no snapshot save point was reached, so the restarted Redis is empty: the queue, the processing list, the group
        assertThat(result.verdict().lost())
                .as("%s with RDB snapshots only: kill -9 loses every acknowledged message consumer-1 had not processed (%s)", setup.label(),
                        result.verdict())
                .isEqualTo(result.notProcessedByFirst())
                .isNotEmpty();
        assertThat(result.check().kind()).as("the checker the demo prints agrees: %s", result.check().line()).isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE_AOF", "REDIS_STREAM_GROUP_AOF", "RABBIT_QUORUM"})
    @Claim("CMP-3")
    void setupsThatWriteBeforeTheyAcknowledgeLoseNothingWhenTheBrokerIsKilled(Setup setup) throws Exception {
        // given / when
        Result result = run(setup, BrokerFault.KILL_NINE);

        // then
        assertThat(result.verdict().lost()).as("%s keeps every message through a kill -9 of the broker (%s)", setup.label(), result.verdict())
                .isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as("only the message consumer-1 processed last can be processed twice (%s)", result.verdict())
                .isSubsetOf(result.mayBeDuplicated());
        assertThat(result.verdict().duplicated().values()).as("and that one at most twice").allMatch(times -> times == 2);
        assertThat(result.check().kind()).as("the checker the demo prints agrees: %s", result.check().line()).isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-3")
    void aDurableClassicQueueLosesNothingWhenKilledButCanForgetAcknowledgements() throws Exception {
        // given / when
        Result result = run(Setup.RABBIT_MANUAL_ACK, BrokerFault.KILL_NINE);

        // then: every confirmed message survives; what can come back is only what consumer-1 had acknowledged
        assertThat(result.verdict().lost()).as("a durable classic queue keeps every confirmed message through kill -9 (%s)", result.verdict())
                .isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as("what is processed twice is only what consumer-1 had processed and acknowledged before the kill (%s)", result.verdict())
                .isSubsetOf(result.processedByFirst());
        assertThat(result.verdict().duplicated().values()).as("each of them once more, not again and again").allMatch(times -> times == 2);
        assertThat(result.check().kind()).as("the checker the demo prints agrees: %s", result.check().line()).isEqualTo(Verdict.Kind.SHOWN);
    }

    private static Result run(Setup setup, BrokerFault brokerFault) throws Exception {
        return new SideBySide(new Narrator()).run(setup, brokerFault, MESSAGES, ThreadLocalRandom.current().nextInt(100, 501));
    }
}
