package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How big a datagram can be, and what happens to one bigger than the buffer that receives it. */
class SizesTest extends WithNetworkLab {
    private static Report report;

    @BeforeAll
    static void runTheExperiment() {
        report = lab.run("sizes");
    }

    @Test
    @Claim("UDP-6")
    void theLargestUdpPayloadOverIpv4Is65507Bytes() {
        assertThat(report.number("largestArrived")).as("65,535 (IPv4's total length) - 20 (IP header) - 8 (UDP header) = 65,507 bytes arrive")
                .isEqualTo(Receiver.MAX_UDP_PAYLOAD);
        assertThat(report.text("oneMore")).as("one byte more is refused by the sender's kernel, at the send (EMSGSIZE)")
                .contains("Message_too_long");
    }

    @Test
    @Claim("UDP-7")
    void aDatagramLongerThanTheReceiveBufferIsTruncatedSilently() {
        assertThat(report.number("sentToSmallBuffer")).isEqualTo(1_000);
        assertThat(report.number("receivedInSmallBuffer"))
                .as("receive() into a 100-byte buffer returns the first 100 bytes, with no error: the other 900 are gone")
                .isEqualTo(100);
    }
}
