package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.Test;

/** What it takes to talk to a peer for the first time, and what happens when nobody listens. */
class ConnectionsTest extends WithNetworkLab {
    private static final int TRIALS = 500;

    @Test
    @Claim("UDP-9")
    void tcpNeedsAHandshakeBeforeItsFirstByte() {
        // given / when: 500 times, a new TCP connection carrying one message and its echo, and one UDP datagram and its answer
        Report report = lab.run("first-byte", TRIALS);

        // then
        long tcp = report.histogram("tcp").getValueAtPercentile(50);
        long handshake = report.histogram("handshake").getValueAtPercentile(50);
        long udp = report.histogram("udp").getValueAtPercentile(50);
        System.out.printf("time to the first answer, median of %d: TCP %d µs (of which connect() %d µs), UDP %d µs%n", TRIALS, tcp, handshake, udp);
        assertThat(tcp).as("TCP's first answer comes after the handshake's extra round trip and the connection set-up: later than UDP's")
                .isGreaterThan(udp);
    }

    @Test
    @Claim("UDP-10")
    void aClosedTcpPortFailsAtConnectAClosedUdpPortNotAtSend() {
        // given / when: a TCP connect, then a UDP send and receive, to a port where nothing listens
        Report report = lab.run("closed-port");

        // then
        assertThat(report.text("tcpConnect")).as("the peer's kernel answers the SYN with a reset: connect() fails").isEqualTo("ConnectException");
        assertThat(report.number("tcpMicros")).as("at once: within 100 ms (a round trip here is a fraction of a millisecond)")
                .isLessThan(100_000);
        assertThat(report.text("udpSend")).as("UDP's send() returns as if all were well").isEqualTo("returned");
        assertThat(report.text("udpReceive")).as("only a later call on the connected socket learns of the ICMP port-unreachable")
                .isEqualTo("PortUnreachableException");
    }
}
