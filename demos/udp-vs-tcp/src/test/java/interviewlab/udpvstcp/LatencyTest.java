package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.MessageStream.RETRANSMISSION_TIMEOUT_MICROS;
import static interviewlab.udpvstcp.MessageStream.STALLED_MICROS;
import static interviewlab.udpvstcp.MessageStream.UNSTALLED_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.MessageStream.Protocol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Round-trip time of each message in a steady stream (6,000 messages, one per ms), from when it was due to when its
 * echo or acknowledgement came back: every percentile here is over all 6,000 TCP messages, or over every datagram
 * that arrived. {@link MessageStream} says how the bounds were chosen. Each test also checks that the demo's checker,
 * which prints the verdict a reader sees, agrees.
 *
 * <p>UDP's delivered count: each datagram is dropped independently with p = 0.1, so 5,400 of 6,000 arrive on
 * average, with a standard deviation of sqrt(6000 * 0.1 * 0.9) = 23; 5,273 to 5,527 is the bound of Share, 5.5 of
 * them either way.
 */
@Tag("timed")
class LatencyTest extends WithNetworkLab {
    private static final int MESSAGES = 6_000;
    private static final double LOSS = 0.10;

    @Test
    @Claim("UDP-3")
    void underLossTcpsLatencyTailGrowsByARetransmissionTimeout() {
        // given: TCP's tail without loss (the control)
        MessageStream clean = MessageStream.over(lab, Protocol.TCP, 0, MESSAGES);

        // when: 10% of packets are dropped
        MessageStream lossy = MessageStream.over(lab, Protocol.TCP, LOSS, MESSAGES);

        // then
        Verdict verdict = MessageStream.tcpTailGrowsByATimeout(clean, lossy);
        System.out.println(verdict.line());
        assertThat(clean.latency().getTotalCount())
                .as("without loss, all 6,000 round trips were measured")
                .isEqualTo(MESSAGES);
        assertThat(lossy.latency().getTotalCount())
                .as("under loss too: TCP delivered all 6,000 and each was measured")
                .isEqualTo(MESSAGES);
        assertThat(clean.p99()).as("without loss TCP's tail is short").isLessThan(UNSTALLED_MICROS);
        assertThat(lossy.p99())
                .as(
                        "under loss a lost segment holds back everything behind it until it is retransmitted: head-of-line blocking")
                .isGreaterThanOrEqualTo(STALLED_MICROS);
        assertThat(lossy.latency().getMaxValue())
                .as("the slowest message waited a whole retransmission timeout (200 ms, less one 4 ms timer tick)")
                .isGreaterThanOrEqualTo(RETRANSMISSION_TIMEOUT_MICROS);
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("UDP-4")
    void underLossUdpDatagramsThatArriveAreNotHeldBack() {
        // given: UDP's tail without loss, the machine's own (what tells a pause of the machine from a datagram held
        // back)
        MessageStream clean = MessageStream.over(lab, Protocol.UDP, 0, MESSAGES);

        // when: the same stream and the same loss as for TCP, over UDP
        MessageStream lossy = MessageStream.over(lab, Protocol.UDP, LOSS, MESSAGES);

        // then
        Verdict verdict = MessageStream.udpArrivalsAreNotHeldBack(clean, lossy);
        System.out.println(verdict.line());
        assertThat(lossy.received()).as("datagrams were lost, about one in ten").isBetween(5_273L, 5_527L);
        assertThat(lossy.latency().getTotalCount())
                .as("every datagram that arrived was measured")
                .isEqualTo(lossy.received());
        assertThat(lossy.p99())
                .as("the datagrams that arrive are not delayed by the ones that did not")
                .isLessThan(UNSTALLED_MICROS);
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
