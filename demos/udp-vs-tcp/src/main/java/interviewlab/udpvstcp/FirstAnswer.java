package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.ms;

import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Report;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What it takes to talk to a peer for the first time, over {@code trials} trials: a new TCP connection carrying one
 * message and its echo, and a new UDP socket sending one datagram and getting its answer, each with its connect()
 * timed alone; and, as the yardstick for a round trip, as many pings of the same peer, which its kernel answers as it
 * answers a SYN, timed by the sender's kernel on arrival. In microseconds.
 *
 * @param tcp connect(), one request and its answer
 * @param udp one datagram and its answer
 */
record FirstAnswer(
        int trials, Histogram ping, Histogram tcpConnect, Histogram udpConnect, Histogram tcp, Histogram udp) {

    static FirstAnswer run(NetworkLab lab, int trials) {
        Report report = lab.run("first-byte", trials);
        return new FirstAnswer(
                trials,
                report.histogram("ping"),
                report.histogram("tcpConnect"),
                report.histogram("udpConnect"),
                report.histogram("tcp"),
                report.histogram("udp"));
    }

    static long median(Histogram histogram) {
        return histogram.getValueAtPercentile(50);
    }

    long roundTrip() {
        return median(ping);
    }

    /** How much longer TCP's connect() took than UDP's, which sends nothing: the handshake. */
    long handshake() {
        return median(tcpConnect) - median(udpConnect);
    }

    /** How much later TCP's first answer came than UDP's. */
    long firstAnswerLater() {
        return median(tcp) - median(udp);
    }

    /**
     * UDP-9: TCP's connect() takes at least a round trip (ping's median) longer than UDP's, and so its first answer
     * comes at least that much later. Medians, which a few pauses of a busy machine move little.
     */
    Verdict check() {
        String figures = String.format(
                Locale.ROOT,
                "medians of %d: a round trip (ping) %s; connect() TCP %s, UDP %s; first answer TCP %s,"
                        + " UDP %s: the handshake took %s, the first answer came %s later",
                trials,
                ms(roundTrip()),
                ms(median(tcpConnect)),
                ms(median(udpConnect)),
                ms(median(tcp)),
                ms(median(udp)),
                ms(handshake()),
                ms(firstAnswerLater()));
        boolean holds = handshake() >= roundTrip() && firstAnswerLater() >= roundTrip();
        return Verdict.holdsIf(holds, "UDP-9", figures, figures + ": less than a round trip");
    }
}
