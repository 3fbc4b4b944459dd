package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.Test;

/**
 * The same stream under the same loss: 2,000 numbered messages of 100 bytes, one per millisecond, with the
 * receiver's kernel dropping 5% of the packets that reach it (iptables statistic, random mode).
 */
class DeliveryTest extends WithNetworkLab {
    private static final int MESSAGES = 2_000;
    private static final double LOSS = 0.05;
    /*
     * Each datagram is dropped independently with p = 0.05: of 2,000, 100 are lost on average, with a standard
     * deviation of sqrt(2000 * 0.05 * 0.95) = 9.7. Between 50 and 150 is more than 5 of those either way: noise
     * breaks it about once in 10^6 runs, while no loss at all (0) or a broken rule is far outside.
     */
    private static final int FEWEST_LOST = 50;
    private static final int MOST_LOST = 150;

    @Test
    @Claim("UDP-1")
    void udpLosesDatagramsUnderPacketLossAndTheSenderSeesNoError() {
        // given: without the fault, every datagram arrives (the control)
        Report clean = lab.run("udp-stream", MESSAGES, 100, 1_000);
        assertThat(clean.number("received")).as("without packet loss every datagram arrives").isEqualTo(MESSAGES);

        // when: the receiver drops 5% of incoming packets
        Report lossy;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            lossy = lab.run("udp-stream", MESSAGES, 100, 1_000);
        }

        // then
        long lost = lossy.number("sent") - lossy.number("received");
        System.out.printf("UDP at %.0f%% loss: %d of %d datagrams lost, %d send errors%n", LOSS * 100, lost, MESSAGES, lossy.number("sendErrors"));
        assertThat(lost).as("UDP loses about the share the network drops").isBetween((long) FEWEST_LOST, (long) MOST_LOST);
        assertThat(lossy.number("sendErrors")).as("and the sender is never told: every send() returned normally").isZero();
    }

    @Test
    @Claim("UDP-2")
    void tcpDeliversEveryByteInOrderUnderTheSameLoss() {
        // given: the same stream, over one TCP connection, echoed back
        // when: the same 5% of incoming packets are dropped
        Report tcp;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            tcp = lab.run("tcp-stream", MESSAGES, 100, 1_000);
        }

        // then
        assertThat(tcp.number("received")).as("TCP retransmits what was lost: every message arrives").isEqualTo(MESSAGES);
        assertThat(tcp.number("outOfOrder")).as("and in the order it was written").isZero();
    }
}
