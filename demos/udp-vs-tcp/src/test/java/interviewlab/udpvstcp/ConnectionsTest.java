package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What it takes to talk to a peer for the first time, and what happens when nobody listens.
 *
 * <p>The yardstick for a round trip is ping's: an ICMP echo that the peer's kernel answers as it answers a SYN, timed
 * by the sender's kernel on arrival. A TCP connect() includes that round trip and more (waking the caller); a UDP
 * connect() sends nothing, so the two differ by the handshake. Without one, both would be a few local system calls
 * apart, far less than a round trip. In four runs on the project's machine, busy with other tests, the medians were
 * 0.04 to 0.07 ms for ping, 0.21 to 0.31 ms for TCP's connect() and 0.02 to 0.03 ms for UDP's, and TCP's first
 * answer came 0.50 to 0.58 ms after UDP's: each bound held with a margin of 2.5 times or more, and medians of 500
 * trials move little under load. Each test also checks that the demo's checker, which prints the verdict a reader sees,
 * agrees.
 */
@Tag("timed")
class ConnectionsTest extends WithNetworkLab {
    private static final int TRIALS = 500;

    @Test
    @Claim("UDP-9")
    void tcpNeedsAHandshakeBeforeItsFirstByte() {
        // given / when: 500 times, a new TCP connection carrying one message and its echo, and a new UDP socket
        // sending one datagram and getting its answer; before them, 500 pings of the same peer
        FirstAnswer first = FirstAnswer.run(lab, TRIALS);

        // then
        Verdict verdict = first.check();
        System.out.println(verdict.line());
        assertThat(first.handshake())
                .as(
                        "TCP's connect() returns only once SYN and SYN-ACK have crossed: it takes at least a round trip (ping's median)"
                                + " longer than UDP's, which sends nothing")
                .isGreaterThanOrEqualTo(first.roundTrip());
        assertThat(first.firstAnswerLater())
                .as("so TCP's first answer comes at least one round trip after UDP's")
                .isGreaterThanOrEqualTo(first.roundTrip());
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @Test
    @Claim("UDP-10")
    void aClosedTcpPortFailsAtConnectAClosedUdpPortNotAtSend() {
        // given / when: a TCP connect, then a UDP send and receive, to a port where nothing listens
        ClosedPort closed = ClosedPort.run(lab);

        // then
        Verdict verdict = closed.check();
        System.out.println(verdict.line());
        assertThat(closed.tcpConnect())
                .as("the peer's kernel answers the SYN with a reset: connect() fails")
                .isEqualTo("ConnectException");
        assertThat(closed.tcpMicros())
                .as("at once: within 100 ms (a round trip here is a fraction of a millisecond)")
                .isLessThan(ClosedPort.AT_ONCE_MICROS);
        assertThat(closed.udpSend())
                .as("UDP's send() returns as if all were well")
                .isEqualTo("returned");
        assertThat(closed.udpReceive())
                .as(
                        "a later receive() gets no answer: the JDK may pass the ICMP port-unreachable on as a PortUnreachableException, or not")
                .isIn(ClosedPort.NO_ANSWER);
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
