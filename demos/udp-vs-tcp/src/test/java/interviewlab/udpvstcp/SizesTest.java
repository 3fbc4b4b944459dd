package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Ports;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import interviewlab.udpvstcp.peer.Sender;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How big a datagram can be, and what happens to one bigger than the buffer that receives it. For the second, the
 * receiver sends back exactly the bytes each of its receive() calls into a 100-byte buffer returned: what it saw.
 */
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
        // given: a 1,000-byte datagram, then a 50-byte one, each received into a 100-byte buffer
        byte[] tooLong = Sender.datagram(1, Sender.TOO_LONG);
        byte[] next = Sender.datagram(2, Sender.NEXT);

        // then
        assertThat(received("tooLongReceived"))
                .as("receive() returned normally with the first 100 of the 1,000 bytes: the datagram was cut, and nothing said so")
                .hasSize(Ports.SMALL_BUFFER).isEqualTo(Arrays.copyOf(tooLong, Ports.SMALL_BUFFER));
        assertThat(received("nextReceived"))
                .as("the next receive() returned the next datagram, whole: the other 900 bytes are gone, not waiting to be read")
                .isEqualTo(next);
    }

    private static byte[] received(String key) {
        return HexFormat.of().parseHex(report.text(key));
    }
}
