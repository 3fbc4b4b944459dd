package interviewlab.support.checks;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryVerdictTest {

    @Test
    @Claim("TK-8")
    void theCheckerCountsWhatWasLostDuplicatedAndReordered() {
        // given: 1..5 sent; 3 never arrives, 2 arrives twice, 5 overtakes 4
        DeliveryHistory history = new DeliveryHistory();
        for (long id = 1; id <= 5; id++) {
            history.sent(id);
        }
        for (long id : new long[] {1, 2, 2, 5, 4}) {
            history.received(id);
        }

        // when
        DeliveryVerdict verdict = history.check();

        // then
        assertThat(verdict.lost()).as("3 was sent and never received").containsExactly(3L);
        assertThat(verdict.duplicated()).as("2 was received twice").containsExactlyEntriesOf(Map.of(2L, 2));
        assertThat(verdict.reordered())
                .as("4 arrived after 5, which was sent later")
                .isEqualTo(1);
        assertThat(verdict.nothingLost()).isFalse();
        assertThat(verdict.noDuplicates()).isFalse();
        assertThat(verdict.summary()).isEqualTo("sent 5, received 5: 1 lost, 1 duplicated, 1 out of order");
    }

    @Test
    @Claim("TK-8")
    void aCleanRunIsJudgedClean() {
        // given: every id received once, in order (the control)
        DeliveryHistory history = new DeliveryHistory();
        for (long id = 1; id <= 3; id++) {
            history.sent(id);
            history.received(id);
        }

        // when
        DeliveryVerdict verdict = history.check();

        // then
        assertThat(verdict.nothingLost()).as("nothing lost").isTrue();
        assertThat(verdict.noDuplicates()).as("nothing duplicated").isTrue();
        assertThat(verdict.reordered()).as("nothing out of order").isZero();
    }
}
