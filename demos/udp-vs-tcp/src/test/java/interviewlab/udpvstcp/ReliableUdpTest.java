package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.Test;

/**
 * Reliability built on UDP: {@code ReliableUdp}'s sequence numbers, acknowledgements and retransmission after
 * 20 ms, at 10% packet loss; the control is the same stream over plain UDP at the same loss.
 *
 * <p>The bound on retransmissions: each transmission is lost with p = 0.1, so a message needs p/(1 - p) = 0.11
 * retransmissions on average: 222 for 2,000, with a standard deviation of about 16. At least 140 is 5 of them
 * below; at most 450 leaves room above for retransmissions of datagrams whose ack was merely late.
 */
class ReliableUdpTest extends WithNetworkLab {
    private static final int MESSAGES = 2_000;
    private static final double LOSS = 0.10;

    @Test
    @Claim("UDP-11")
    void aSmallRetransmitLayerRecoversTheLossAtTheCostOfDatagramsAndLatency() {
        // given / when: the same loss for plain UDP (the control), then for the layer
        Report plain;
        Report report;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            plain = lab.run("udp-stream", MESSAGES, 100, 1_000);
            report = lab.run("reliable-udp", MESSAGES, 100);
        }

        // then
        long p99 = report.histogram("latency").getValueAtPercentile(99);
        System.out.printf("at %.0f%% loss: plain UDP %d of %d; reliable UDP %d delivered, %d datagrams sent (%d retransmissions, %d duplicates dropped), p99 %d µs%n",
                LOSS * 100, plain.number("received"), MESSAGES, report.number("delivered"), report.number("datagramsSent"),
                report.number("retransmissions"), report.number("duplicates"), p99);
        assertThat(plain.number("received")).as("plain UDP loses datagrams at this loss").isLessThan(MESSAGES);
        assertThat(report.number("delivered")).as("the layer delivers every message, in order, with no gap").isEqualTo(MESSAGES);
        assertThat(report.number("retransmissions")).as("by sending again what was lost: about one datagram in nine more")
                .isBetween(140L, 450L);
        assertThat(p99).as("a message lost once waits at least the 20 ms retransmission timeout; one in ten was").isGreaterThanOrEqualTo(20_000);
    }
}
