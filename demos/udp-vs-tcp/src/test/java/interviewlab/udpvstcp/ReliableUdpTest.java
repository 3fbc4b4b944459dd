package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.Test;

/**
 * Reliability built on UDP: {@code ReliableUdp}'s sequence numbers, acknowledgements and retransmission after
 * 20 ms, at 10% packet loss. The negative control is UDP-1: the same loss without the layer loses datagrams.
 */
class ReliableUdpTest extends WithNetworkLab {
    private static final int MESSAGES = 2_000;
    private static final double LOSS = 0.10;

    @Test
    @Claim("UDP-11")
    void aSmallRetransmitLayerRecoversTheLossAtTheCostOfDatagramsAndLatency() {
        // given / when
        Report report;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            report = lab.run("reliable-udp", MESSAGES, 100);
        }

        // then
        long p99 = report.histogram("latency").getValueAtPercentile(99);
        System.out.printf("reliable UDP at %.0f%% loss: %d delivered of %d, %d datagrams sent (%d retransmissions), p99 %d µs%n",
                LOSS * 100, report.number("delivered"), MESSAGES, report.number("datagramsSent"), report.number("retransmissions"), p99);
        assertThat(report.number("delivered")).as("every message delivered, once, in order").isEqualTo(MESSAGES);
        assertThat(report.number("retransmissions")).as("by sending again what was lost: about one in nine more datagrams")
                .isGreaterThan(MESSAGES / 20);
        assertThat(p99).as("a message lost once waits at least the 20 ms retransmission timeout; one in ten was").isGreaterThanOrEqualTo(20_000);
    }
}
