package interviewlab.udpvstcp;

import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Report;
import java.util.Locale;
import java.util.Set;

/**
 * Where nothing listens: what a TCP connect() did and how long it took, what a UDP send() did, and what the next
 * receive() on that connected UDP socket got within its 5 s timeout.
 *
 * @param tcpConnect the exception's simple name, or "connected"
 * @param udpSend "returned" when send() did not throw
 * @param udpReceive "PortUnreachableException", "nothing" (the timeout), or "an_answer"
 */
record ClosedPort(String tcpConnect, long tcpMicros, String udpSend, String udpReceive) {
    /** "At once": a round trip here is a fraction of a millisecond, a connect() retrying a lost SYN waits 1 s. */
    static final long AT_ONCE_MICROS = 100_000;
    /** The JDK may pass the ICMP port-unreachable on, or not: both are what the claim allows. */
    static final Set<String> NO_ANSWER = Set.of("PortUnreachableException", "nothing");

    static ClosedPort run(NetworkLab lab) {
        Report report = lab.run("closed-port");
        return new ClosedPort(
                report.text("tcpConnect"),
                report.number("tcpMicros"),
                report.text("udpSend"),
                report.text("udpReceive"));
    }

    /** UDP-10: TCP's connect() fails at once with a reset; UDP's send() returns, and the next receive() gets no answer. */
    Verdict check() {
        String figures = String.format(
                Locale.ROOT,
                "TCP connect(): %s after %.2f ms; UDP send(): %s; the next receive(): %s",
                tcpConnect,
                tcpMicros / 1000.0,
                udpSend,
                udpReceive.equals("nothing") ? "nothing until its timeout" : udpReceive);
        boolean holds = tcpConnect.equals("ConnectException")
                && tcpMicros < AT_ONCE_MICROS
                && udpSend.equals("returned")
                && NO_ANSWER.contains(udpReceive);
        return Verdict.holdsIf(holds, "UDP-10", figures, figures);
    }
}
