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
 * with the broker then killed with kill -9 too and started again: what each setup had written before it acknowledged.
 * Each test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class SideBySideBrokerKilledTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE", "REDIS_STREAM_GROUP"})
    @Claim("CMP-3")
    void redisWithDefaultPersistenceLosesEverythingNotYetProcessedWhenKilled(Setup setup) throws Exception {
        // given / when: the story, with the broker killed with kill -9 instead of stopped
        Result result = run(setup, BrokerFault.KILL_NINE);

        // then: no snapshot save point was reached, so the restarted Redis is empty: the queue, the processing list,
        // the group
        assertThat(result.verdict().lost())
                .as(
                        "%s with RDB snapshots only: kill -9 loses every acknowledged message consumer-1 had not processed (%s)",
                        setup.label(), result.verdict())
                .isEqualTo(result.notProcessedByFirst())
                .isNotEmpty();
        assertThat(result.check().kind())
                .as("the checker the demo prints agrees: %s", result.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS_LIST_BLMOVE_AOF", "REDIS_STREAM_GROUP_AOF", "RABBIT_QUORUM"})
    @Claim("CMP-3")
    void setupsThatWriteBeforeTheyAcknowledgeLoseNothingWhenTheBrokerIsKilled(Setup setup) throws Exception {
        // given / when
        Result result = run(setup, BrokerFault.KILL_NINE);

        // then
        assertThat(result.verdict().lost())
                .as("%s keeps every message through a kill -9 of the broker (%s)", setup.label(), result.verdict())
                .isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as("only the message consumer-1 processed last can be processed twice (%s)", result.verdict())
                .isSubsetOf(result.mayBeDuplicated());
        assertThat(result.verdict().duplicated().values())
                .as("and that one at most twice")
                .allMatch(times -> times == 2);
        assertThat(result.check().kind())
                .as("the checker the demo prints agrees: %s", result.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("CMP-3")
    void aDurableClassicQueueLosesNothingWhenKilledButCanForgetAcknowledgements() throws Exception {
        // given / when
        Result result = run(Setup.RABBIT_MANUAL_ACK, BrokerFault.KILL_NINE);

        // then: every confirmed message survives; what can come back is only what consumer-1 had acknowledged
        assertThat(result.verdict().lost())
                .as("a durable classic queue keeps every confirmed message through kill -9 (%s)", result.verdict())
                .isEmpty();
        assertThat(result.verdict().duplicated().keySet())
                .as(
                        "what is processed twice is only what consumer-1 had processed and acknowledged before the kill (%s)",
                        result.verdict())
                .isSubsetOf(result.processedByFirst());
        assertThat(result.verdict().duplicated().values())
                .as("each of them once more, not again and again")
                .allMatch(times -> times == 2);
        assertThat(result.check().kind())
                .as("the checker the demo prints agrees: %s", result.check().line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    private static Result run(Setup setup, BrokerFault brokerFault) throws Exception {
        return new SideBySide(new Narrator()).run(setup, brokerFault);
    }
}
