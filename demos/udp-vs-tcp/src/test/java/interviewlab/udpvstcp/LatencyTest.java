package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Round-trip time of each message in a steady stream (one per ms), from when it was due to when its echo or
 * acknowledgement came back, recorded in an HdrHistogram by the sender.
 *
 * <p>The bounds. Linux retransmits a TCP segment that fast retransmit cannot recover after its retransmission
 * timeout, at least 200 ms (TCP_RTO_MIN), and nothing behind it in the stream is delivered meanwhile: one such
 * stall holds back about 200 messages, 10% of the stream, so the 99th percentile is at least ~100 ms. At 10% loss
 * about 20 retransmissions are themselves lost in a run, each forcing one; a run with none is a chance of e^-20.
 * Without loss, or for UDP, the 99th percentile is a few milliseconds (0.2 ms typical); 50 ms leaves room for a
 * busy machine.
 */
class LatencyTest extends WithNetworkLab {
    private static final int MESSAGES = 2_000;
    private static final double LOSS = 0.10;
    private static final long STALLED_MICROS = 100_000;
    private static final long UNSTALLED_MICROS = 50_000;

    @Test
    @Claim("UDP-3")
    void underLossTcpsLatencyTailGrowsByARetransmissionTimeout() {
        // given: TCP's tail without loss (the control)
        long cleanP99 = p99(lab.run("tcp-stream", MESSAGES, 100, 1_000));

        // when: 10% of packets are dropped
        long lossyP99;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            lossyP99 = p99(lab.run("tcp-stream", MESSAGES, 100, 1_000));
        }

        // then
        System.out.printf("TCP p99: %d µs without loss, %d µs at %.0f%% loss%n", cleanP99, lossyP99, LOSS * 100);
        assertThat(cleanP99).as("without loss TCP's tail is short").isLessThan(UNSTALLED_MICROS);
        assertThat(lossyP99).as("under loss a lost segment holds back everything behind it until it is retransmitted: head-of-line blocking")
                .isGreaterThanOrEqualTo(STALLED_MICROS);
    }

    @Test
    @Claim("UDP-4")
    void underLossUdpDatagramsThatArriveAreNotHeldBack() {
        // given / when: the same stream and the same loss, over UDP
        Report udp;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            udp = lab.run("udp-stream", MESSAGES, 100, 1_000);
        }

        // then
        System.out.printf("UDP at %.0f%% loss: %d of %d arrived, p99 %d µs%n", LOSS * 100, udp.number("received"), MESSAGES, p99(udp));
        assertThat(udp.number("received")).as("datagrams were lost").isLessThan(MESSAGES);
        assertThat(p99(udp)).as("the datagrams that arrive are not delayed by the ones that did not").isLessThan(UNSTALLED_MICROS);
    }

    private static long p99(Report report) {
        Histogram latency = report.histogram("latency");
        return latency.getValueAtPercentile(99);
    }
}
