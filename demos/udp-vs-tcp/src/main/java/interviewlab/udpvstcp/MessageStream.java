package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.count;
import static interviewlab.udpvstcp.Figures.lossRate;
import static interviewlab.udpvstcp.Figures.ms;

import interviewlab.support.faults.Fault;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A steady stream of numbered messages of 100 bytes, one per millisecond, over UDP or over one TCP connection, while
 * the receiver's kernel drops a share of the packets that reach it (iptables statistic, random mode): what arrived,
 * in what order, and how late. Latency is the round trip from when a message was due to its acknowledgement (UDP)
 * or its echo (TCP), in microseconds, recorded by the sender in an HdrHistogram: every TCP message, and every
 * datagram that arrived. A TCP reader that fails ends the experiment in its error, never in a short count.
 *
 * <p>The latency bounds, for 6,000 messages at 10 % loss. A lost TCP segment that fast retransmit cannot recover (its
 * retransmission lost too, or a loss at the tail of a burst) waits for the retransmission timeout, 200 ms at least by
 * Linux's default, and nothing behind it is delivered meanwhile: each such stall holds back about 200 messages, some
 * 50 of them by more than 150 ms. Runs at 10 % loss showed about 7 stalls per 2,000 messages (a median of 64 ms needs
 * that many), so 6,000 messages see about 20, and 1 % of 6,000 is 60 messages: one stall nearly carries the 99th
 * percentile past {@link #STALLED_MICROS}, and a run with none is a chance of about e^-20. The timer is kept in
 * ticks of 4 ms (CONFIG_HZ=250 on the project's kernel) and can fire up to one tick before its 200 ms are up, so the
 * slowest message waited at least {@link #RETRANSMISSION_TIMEOUT_MICROS}. Without loss, or for UDP, nothing holds a
 * message back: the 99th percentile is about a millisecond, and to reach {@link #UNSTALLED_MICROS} a pause of 160 ms
 * or more would have to hold back 60 messages. A machine running nothing else pauses a few milliseconds at most; a
 * loaded one can pause that long, and the stream without loss shows it: the checks then say the run could not tell.
 */
record MessageStream(
        Protocol protocol, double loss, long sent, long received, long sendErrors, long outOfOrder, Histogram latency) {
    static final int MESSAGE_SIZE = 100;
    static final int INTERVAL_MICROS = 1_000;
    /** A 99th percentile under this held nobody back for a retransmission timeout. */
    static final long UNSTALLED_MICROS = 100_000;
    /** A 99th percentile at or over this is a tail of retransmission timeouts. */
    static final long STALLED_MICROS = 150_000;
    /** Linux's minimum retransmission timeout, 200 ms, less the one 4 ms timer tick by which it can fire early. */
    static final long RETRANSMISSION_TIMEOUT_MICROS = 196_000;
    /** A machine on which no message of a stream without loss waits this long pauses far less than the bounds above. */
    static final long QUIET_MICROS = 50_000;

    enum Protocol {
        UDP("udp-stream"),
        TCP("tcp-stream");

        private final String experiment;

        Protocol(String experiment) {
            this.experiment = experiment;
        }
    }

    /** Runs the stream; with {@code loss} above 0, the receiver drops that share of incoming packets meanwhile. */
    static MessageStream over(NetworkLab lab, Protocol protocol, double loss, int messages) {
        if (loss == 0) {
            return of(protocol, loss, lab.run(protocol.experiment, messages, MESSAGE_SIZE, INTERVAL_MICROS));
        }
        try (Fault dropping = lab.lossAtReceiver(loss)) {
            return of(protocol, loss, lab.run(protocol.experiment, messages, MESSAGE_SIZE, INTERVAL_MICROS));
        }
    }

    /** A TCP write either succeeds or ends the experiment in its error: only UDP counts failed sends. */
    private static MessageStream of(Protocol protocol, double loss, Report report) {
        boolean udp = protocol == Protocol.UDP;
        return new MessageStream(
                protocol,
                loss,
                report.number("sent"),
                report.number("received"),
                udp ? report.number("sendErrors") : 0,
                report.number(udp ? "reordered" : "outOfOrder"),
                report.histogram("latency"));
    }

    long lost() {
        return sent - received;
    }

    long p99() {
        return latency.getValueAtPercentile(99);
    }

    /** Every message that arrived has its round trip in the histogram. */
    boolean allMeasured() {
        return latency.getTotalCount() == received;
    }

    /**
     * UDP-1: without loss every datagram arrives; under loss, the share the network drops goes missing, within the
     * bound of {@link Share}; and no send() fails. Over UDP streams, one without loss and at least one with.
     */
    static Verdict udpLosesWhatTheNetworkLoses(List<MessageStream> udp) {
        requireBoth(udp);
        List<String> seen = new ArrayList<>();
        List<String> against = new ArrayList<>();
        for (MessageStream stream : udp) {
            if (stream.loss == 0) {
                seen.add(String.format(
                        Locale.ROOT, "without loss %s of %s arrived", count(stream.received), count(stream.sent)));
                if (stream.received != stream.sent) {
                    against.add("datagrams went missing without any loss configured");
                }
            } else {
                seen.add(String.format(
                        Locale.ROOT,
                        "at %s loss %s of %s went missing (%s expected, %s within the bound)",
                        lossRate(stream.loss),
                        count(stream.lost()),
                        count(stream.sent),
                        count(Math.round(stream.sent * stream.loss)),
                        Share.range(stream.sent, stream.loss)));
                if (!Share.near(stream.lost(), stream.sent, stream.loss)) {
                    against.add("at " + lossRate(stream.loss) + " the loss is outside the bound");
                }
            }
        }
        long sendErrors = udp.stream().mapToLong(MessageStream::sendErrors).sum();
        String figures =
                String.join("; ", seen) + String.format(Locale.ROOT, "; %s send() call(s) failed", count(sendErrors));
        if (sendErrors > 0) {
            against.add("a send() failed: the sender was told");
        }
        return Verdict.holdsIf(against.isEmpty(), "UDP-1", figures, String.join(", ", against) + ": " + figures);
    }

    /** UDP-2: under loss, TCP delivers every message, in the order it was written. Over TCP streams with loss. */
    static Verdict tcpDeliversEveryByteInOrder(List<MessageStream> tcp) {
        if (tcp.isEmpty() || tcp.stream().anyMatch(stream -> stream.protocol != Protocol.TCP || stream.loss == 0)) {
            throw new IllegalArgumentException("UDP-2 is checked over TCP streams under loss");
        }
        List<String> seen = tcp.stream()
                .map(stream -> String.format(
                        Locale.ROOT,
                        "at %s loss %s of %s arrived, %s out of order",
                        lossRate(stream.loss),
                        count(stream.received),
                        count(stream.sent),
                        count(stream.outOfOrder)))
                .toList();
        boolean all = tcp.stream().allMatch(stream -> stream.received == stream.sent && stream.outOfOrder == 0);
        return Verdict.holdsIf(
                all,
                "UDP-2",
                "TCP retransmitted what was lost: " + String.join("; ", seen),
                "TCP did not deliver every message in order: " + String.join("; ", seen));
    }

    /** The longest any message of a stream without loss waited, with nothing to wait for: this machine's own pauses. */
    long ownPauses() {
        return latency.getMaxValue();
    }

    /**
     * UDP-3: under loss, TCP's 99th percentile reaches {@link #STALLED_MICROS} and its slowest message waited a whole
     * retransmission timeout, while without loss its 99th percentile stays under {@link #UNSTALLED_MICROS}. Pauses of
     * the machine only add latency, so a short tail under loss contradicts the claim; but when the stream without loss
     * had a long 99th percentile too, the machine's own pauses were of the bound's order, and the run cannot tell a
     * timeout from them. The same statistic on both sides: one long pause anywhere in the stream without loss moves its
     * slowest message, not its 99th percentile, which 60 messages must reach.
     */
    static Verdict tcpTailGrowsByATimeout(MessageStream clean, MessageStream lossy) {
        requirePair(Protocol.TCP, clean, lossy);
        String figures = String.format(
                Locale.ROOT,
                "TCP's p99 was %s without loss (its slowest %s) and %s at %s loss (its slowest %s)",
                ms(clean.p99()),
                ms(clean.ownPauses()),
                ms(lossy.p99()),
                lossRate(lossy.loss),
                ms(lossy.latency.getMaxValue()));
        boolean measured = clean.allMeasured()
                && clean.received == clean.sent
                && lossy.allMeasured()
                && lossy.received == lossy.sent;
        if (!measured) {
            return Verdict.contradicted("UDP-3", "%s, but not every message was delivered and measured", figures);
        }
        if (lossy.p99() < STALLED_MICROS || lossy.latency.getMaxValue() < RETRANSMISSION_TIMEOUT_MICROS) {
            return Verdict.contradicted(
                    "UDP-3",
                    "%s: not the tail of a retransmission timeout (p99 %s or more, slowest %s or more)",
                    figures,
                    ms(STALLED_MICROS),
                    ms(RETRANSMISSION_TIMEOUT_MICROS));
        }
        if (clean.p99() >= UNSTALLED_MICROS) {
            return Verdict.notShown(
                    "UDP-3",
                    "%s: without loss this machine's own pauses already gave TCP a tail of %s or more, so the run"
                            + " cannot tell a retransmission timeout from them",
                    figures,
                    ms(UNSTALLED_MICROS));
        }
        return Verdict.shown(
                "UDP-3",
                "%s: a lost segment held back everything behind it for a retransmission timeout, a tail the"
                        + " stream without loss did not have",
                figures);
    }

    /**
     * UDP-4: under loss, the datagrams that arrive (the share expected, every one measured) keep a 99th percentile
     * under {@link #UNSTALLED_MICROS}. A tail over it contradicts the claim only on a machine quiet enough to tell:
     * one on which, without loss, no datagram waited {@link #QUIET_MICROS} or more.
     */
    static Verdict udpArrivalsAreNotHeldBack(MessageStream clean, MessageStream lossy) {
        requirePair(Protocol.UDP, clean, lossy);
        String figures = String.format(
                Locale.ROOT,
                "at %s loss %s of %s datagrams arrived (%s within the bound), their p99 %s;"
                        + " without loss the p99 was %s, the slowest %s",
                lossRate(lossy.loss),
                count(lossy.received),
                count(lossy.sent),
                Share.range(lossy.sent, 1 - lossy.loss),
                ms(lossy.p99()),
                ms(clean.p99()),
                ms(clean.ownPauses()));
        if (!Share.near(lossy.received, lossy.sent, 1 - lossy.loss) || !lossy.allMeasured()) {
            return Verdict.contradicted("UDP-4", "%s: not the share expected, or not every arrival measured", figures);
        }
        if (lossy.p99() < UNSTALLED_MICROS) {
            return Verdict.shown("UDP-4", "%s: no datagram waited for a lost one", figures);
        }
        if (clean.ownPauses() >= QUIET_MICROS) {
            return Verdict.notShown(
                    "UDP-4",
                    "%s: without loss a datagram already waited %s or more with nothing to wait for, so this"
                            + " machine's own pauses are of the bound's order and the tail cannot be told from them",
                    figures,
                    ms(QUIET_MICROS));
        }
        return Verdict.contradicted(
                "UDP-4",
                "%s: the datagrams that arrived were held back, on a machine that without loss held none %s",
                figures,
                ms(QUIET_MICROS));
    }

    private static void requireBoth(List<MessageStream> udp) {
        if (udp.stream().anyMatch(stream -> stream.protocol != Protocol.UDP)
                || udp.stream().noneMatch(stream -> stream.loss == 0)
                || udp.stream().noneMatch(stream -> stream.loss > 0)) {
            throw new IllegalArgumentException(
                    "UDP-1 is checked over UDP streams, one without loss and one or more with");
        }
    }

    private static void requirePair(Protocol protocol, MessageStream clean, MessageStream lossy) {
        if (clean.protocol != protocol || lossy.protocol != protocol || clean.loss != 0 || lossy.loss == 0) {
            throw new IllegalArgumentException("a " + protocol + " stream without loss and one with loss");
        }
    }
}
