package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Ports;
import interviewlab.udpvstcp.peer.Receiver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How big a datagram can be, and what happens to one bigger than the buffer that receives it ({@link Sizes}). For the
 * second, the receiver sends back exactly the bytes each of its receive() calls into a 100-byte buffer returned: what
 * it saw. Each test also checks that the demo's checker, which prints the verdict a reader sees, agrees.
 */
class SizesTest extends WithNetworkLab {
    private static Sizes sizes;

    @BeforeAll
    static void runTheExperiment() {
        sizes = Sizes.run(lab);
    }

    @Test
    @Claim("UDP-6")
    void theLargestUdpPayloadOverIpv4Is65507Bytes() {
        Verdict verdict = sizes.largestPayloadCheck();
        System.out.println(verdict.line());
        assertThat(sizes.largestArrived())
                .as("65,535 (IPv4's total length) - 20 (IP header) - 8 (UDP header) = 65,507 bytes arrive")
                .isEqualTo(Receiver.MAX_UDP_PAYLOAD);
        assertThat(sizes.oneMore())
                .as("one byte more is refused by the sender's kernel, at the send (EMSGSIZE)")
                .contains("Message_too_long");
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("UDP-7")
    void aDatagramLongerThanTheReceiveBufferIsTruncatedSilently() {
        // given: a 1,000-byte datagram, then a 50-byte one, each received into a 100-byte buffer
        Verdict verdict = sizes.truncationCheck();
        System.out.println(verdict.line());

        // then
        assertThat(sizes.tooLongReceived())
                .as(
                        "receive() returned normally with the first 100 of the 1,000 bytes: the datagram was cut, and nothing said so")
                .hasSize(Ports.SMALL_BUFFER)
                .isEqualTo(Sizes.firstBytesOfTheTooLong());
        assertThat(sizes.nextReceived())
                .as(
                        "the next receive() returned the next datagram, whole: the other 900 bytes are gone, not waiting to be read")
                .isEqualTo(Sizes.theNext());
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
