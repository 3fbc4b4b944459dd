package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.MessageStream.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same stream under the same loss: 2,000 numbered messages of 100 bytes, one per millisecond, with the
 * receiver's kernel dropping 5% of the packets that reach it (iptables statistic, random mode). Each test also checks
 * that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class DeliveryTest extends WithNetworkLab {
    private static final int MESSAGES = 2_000;
    private static final double LOSS = 0.05;
    /*
     * Each datagram is dropped independently with p = 0.05: of 2,000, 100 are lost on average, with a standard
     * deviation of sqrt(2000 * 0.05 * 0.95) = 9.7. Between 47 and 153 is the bound of Share, 5.5 of them either way:
     * by the exact binomial tails noise breaks it about once in 7 million runs, while no loss at all (0) or a broken
     * rule is far outside.
     */
    private static final long FEWEST_LOST = 47;
    private static final long MOST_LOST = 153;

    @Test
    @Claim("UDP-1")
    void udpLosesDatagramsUnderPacketLossAndTheSenderSeesNoError() {
        // given: without the fault, every datagram arrives (the control)
        MessageStream clean = MessageStream.over(lab, Protocol.UDP, 0, MESSAGES);
        assertThat(clean.received())
                .as("without packet loss every datagram arrives")
                .isEqualTo(MESSAGES);

        // when: the receiver drops 5% of incoming packets
        MessageStream lossy = MessageStream.over(lab, Protocol.UDP, LOSS, MESSAGES);

        // then
        Verdict verdict = MessageStream.udpLosesWhatTheNetworkLoses(List.of(clean, lossy));
        System.out.println(verdict.line());
        assertThat(lossy.lost())
                .as("UDP loses about the share the network drops")
                .isBetween(FEWEST_LOST, MOST_LOST);
        assertThat(lossy.sendErrors())
                .as("and the sender is never told: every send() returned normally")
                .isZero();
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("UDP-2")
    void tcpDeliversEveryByteInOrderUnderTheSameLoss() {
        // given: the same stream, over one TCP connection, echoed back
        // when: the same 5% of incoming packets are dropped
        MessageStream tcp = MessageStream.over(lab, Protocol.TCP, LOSS, MESSAGES);

        // then
        Verdict verdict = MessageStream.tcpDeliversEveryByteInOrder(List.of(tcp));
        System.out.println(verdict.line());
        assertThat(tcp.received())
                .as("TCP retransmits what was lost: every message arrives")
                .isEqualTo(MESSAGES);
        assertThat(tcp.outOfOrder()).as("and in the order it was written").isZero();
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
