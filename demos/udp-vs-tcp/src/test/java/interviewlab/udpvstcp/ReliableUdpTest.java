package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Reliability built on UDP ({@link ReliabilityOnUdp}, which says how the bounds were chosen):
 * {@code ReliableUdp}'s sequence numbers, acknowledgements and retransmission after 20 ms, at 10% packet loss; the
 * control is the same stream over plain UDP at the same loss. The test also checks that the demo's checker, which
 * prints the verdict a reader sees, agrees.
 */
class ReliableUdpTest extends WithNetworkLab {

    @Test
    @Claim("UDP-11")
    void aSmallRetransmitLayerRecoversTheLossAtTheCostOfDatagramsAndLatency() {
        // given / when: the same loss for plain UDP (the control), then for the layer
        ReliabilityOnUdp result = ReliabilityOnUdp.run(lab);

        // then
        Verdict verdict = result.check();
        System.out.println(verdict.line());
        assertThat(result.plain().received())
                .as("plain UDP loses datagrams at this loss")
                .isLessThan(ReliabilityOnUdp.MESSAGES);
        assertThat(result.delivered())
                .as("the layer delivers every message, in order, with no gap")
                .isEqualTo(ReliabilityOnUdp.MESSAGES);
        assertThat(result.retransmissionsOfLost())
                .as("by sending each lost datagram again: about one in nine more, 222 expected")
                .isBetween(136L, 308L);
        assertThat(result.p99())
                .as("a message lost once waits at least the 20 ms retransmission timeout; one in ten was")
                .isGreaterThanOrEqualTo(20_000);
        assertThat(result.heldBackP99())
                .as("one ordered stream: the receiver holds the messages behind a lost one until it is sent again,"
                        + " the 99th percentile 10 ms or more after they arrived")
                .isGreaterThanOrEqualTo(10_000);
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
