package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Report;
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
 * trials move little under load.
 */
class ConnectionsTest extends WithNetworkLab {
    private static final int TRIALS = 500;

    @Test
    @Claim("UDP-9")
    void tcpNeedsAHandshakeBeforeItsFirstByte() {
        // given / when: 500 times, a new TCP connection carrying one message and its echo, and a new UDP socket
        // sending one datagram and getting its answer; before them, 500 pings of the same peer
        Report report = lab.run("first-byte", TRIALS);

        // then
        long roundTrip = median(report, "ping");
        long tcpConnect = median(report, "tcpConnect");
        long udpConnect = median(report, "udpConnect");
        long tcp = median(report, "tcp");
        long udp = median(report, "udp");
        System.out.printf("medians of %d: ping %d µs; connect() TCP %d µs, UDP %d µs; first answer TCP %d µs, UDP %d µs%n",
                TRIALS, roundTrip, tcpConnect, udpConnect, tcp, udp);
        assertThat(tcpConnect - udpConnect)
                .as("TCP's connect() returns only once SYN and SYN-ACK have crossed: it takes at least a round trip (ping's median)"
                        + " longer than UDP's, which sends nothing")
                .isGreaterThanOrEqualTo(roundTrip);
        assertThat(tcp - udp).as("so TCP's first answer comes at least one round trip after UDP's")
                .isGreaterThanOrEqualTo(roundTrip);
    }

    @Test
    @Claim("UDP-10")
    void aClosedTcpPortFailsAtConnectAClosedUdpPortNotAtSend() {
        // given / when: a TCP connect, then a UDP send and receive, to a port where nothing listens
        Report report = lab.run("closed-port");

        // then
        System.out.printf("closed port: TCP connect() %s after %d µs; UDP send() %s, the next receive() %s%n", report.text("tcpConnect"),
                report.number("tcpMicros"), report.text("udpSend"), report.text("udpReceive"));
        assertThat(report.text("tcpConnect")).as("the peer's kernel answers the SYN with a reset: connect() fails").isEqualTo("ConnectException");
        assertThat(report.number("tcpMicros")).as("at once: within 100 ms (a round trip here is a fraction of a millisecond)")
                .isLessThan(100_000);
        assertThat(report.text("udpSend")).as("UDP's send() returns as if all were well").isEqualTo("returned");
        assertThat(report.text("udpReceive"))
                .as("a later receive() gets no answer: the JDK may pass the ICMP port-unreachable on as a PortUnreachableException, or not")
                .isIn("PortUnreachableException", "nothing");
    }

    private static long median(Report report, String key) {
        return report.histogram(key).getValueAtPercentile(50);
    }
}
