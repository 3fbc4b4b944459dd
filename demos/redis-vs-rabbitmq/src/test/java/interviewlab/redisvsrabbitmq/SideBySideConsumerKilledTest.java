package interviewlab.redisvsrabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.redisvsrabbitmq.sidebyside.BrokerFault;
import interviewlab.redisvsrabbitmq.sidebyside.Setup;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide;
import interviewlab.redisvsrabbitmq.sidebyside.SideBySide.Result;
import interviewlab.support.claims.Claim;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The side-by-side story (SideBySide.run: 1,000 numbered messages, the consumer killed with kill -9 at a random point)
 * with the broker then restarted gracefully, and a new consumer taking over: what each setup's guarantee keeps when
 * the consumer dies. Each test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class SideBySideConsumerKilledTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE", "REDIS_STREAM_GROUP", "RABBIT_MANUAL_ACK", "RABBIT_QUORUM"})
    @Claim("CMP-1")
    void atLeastOnceSetupsLoseNothingWhenTheConsumerDiesAndTheBrokerRestarts(Setup setup) throws Exception {
        // given / when: the workload, the consumer's kill, a graceful broker restart, the takeover
        Result result = run(setup, BrokerFault.GRACEFUL_RESTART);

        // then
        assertThat(result.verdict().lost())
                .as("%s is at least once: no message is lost (%s)", setup.label(), result.verdict())
                .isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as(
                        "only the message consumer-1 processed last, whose ack may not have left before the kill, can be processed twice (%s)",
                        result.verdict())
                .isSubsetOf(result.mayBeDuplicated());
        assertThat(result.verdict().duplicated().values())
                .as("and that one at most twice")
                .allMatch(times -> times == 2);
        assertThat(result.check().kind())
                .as("the checker the demo prints agrees: %s", result.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_PUBSUB", "RABBIT_AUTO_ACK"})
    @Claim("CMP-2")
    void atMostOnceSetupsLoseExactlyWhatTheDeadConsumerHeld(Setup setup) throws Exception {
        // given / when
        Result result = run(setup, BrokerFault.GRACEFUL_RESTART);

        // then: the broker had pushed far more than the consumer had processed, and exactly that is gone
        assertThat(result.heldByFirst())
                .as("the broker had handed %s's consumer messages it had not processed yet", setup.label())
                .isNotEmpty();
        assertThat(result.verdict().lost())
                .as(
                        "%s is at most once: exactly what the dead consumer held is lost (%s)",
                        setup.label(), result.verdict())
                .isEqualTo(result.heldByFirst());
        assertThat(result.verdict().duplicated())
                .as("at most once never delivers twice")
                .isEmpty();
        assertThat(result.check().kind())
                .as("the checker the demo prints agrees: %s", result.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-2")
    void brpopLosesExactlyTheMessageItHadPoppedAndNotFinished() throws Exception {
        // given / when
        Result result = run(Setup.REDIS_LIST_BRPOP, BrokerFault.GRACEFUL_RESTART);

        // then: the list kept everything not yet popped; what is gone is what the dead consumer had popped, at most one
        assertThat(result.verdict().lost())
                .as("BRPOP loses exactly what it had popped and not processed (%s)", result.verdict())
                .isEqualTo(result.heldByFirst());
        assertThat(result.heldByFirst())
                .as("a BRPOP consumer holds at most the one message it is working on")
                .hasSizeLessThanOrEqualTo(1);
        assertThat(result.verdict().duplicated())
                .as("a popped message is never delivered again")
                .isEmpty();
        // not SHOWN: a consumer killed between two messages held none, and then the run has nothing to show
        assertThat(result.check().kind())
                .as(
                        "the checker the demo prints does not contradict it: %s",
                        result.check().line())
                .isNotEqualTo(Verdict.Kind.CONTRADICTED);
    }

    private static Result run(Setup setup, BrokerFault brokerFault) throws Exception {
        return new SideBySide(new Narrator()).run(setup, brokerFault);
    }
}
