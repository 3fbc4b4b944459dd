package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.count;
import static interviewlab.udpvstcp.Figures.lossRate;
import static interviewlab.udpvstcp.Figures.ms;

import interviewlab.support.faults.Fault;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.MessageStream.Protocol;
import interviewlab.udpvstcp.peer.ReliableUdp;
import interviewlab.udpvstcp.peer.Report;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Reliability built on UDP: {@link ReliableUdp}'s sequence numbers, acknowledgements and retransmission after 20 ms,
 * for 2,000 messages of 100 bytes at 10 % packet loss; the control is the same stream over plain UDP at the same loss.
 *
 * <p>The bound on retransmissions: each transmission is lost with p = 0.1, so a message needs p/(1 - p) = 0.11
 * retransmissions on average: 222 for 2,000, with a standard deviation of about 16. At least
 * {@link #FEWEST_RETRANSMISSIONS} is 5 of them below; at most {@link #MOST_RETRANSMISSIONS} leaves room above for
 * retransmissions of datagrams whose ack was merely late. The receiver counts those as duplicates: when they alone
 * carry the count past the bound, the machine was too busy to answer within the timer, and the run cannot show the cost.
 *
 * @param plain the control: the same loss, over plain UDP
 * @param delivered the messages the receiver delivered in order, with no gap
 * @param duplicates datagrams the receiver had delivered already: retransmissions of messages whose ack was late
 * @param latency each message's time from its first send to its ack, in microseconds
 */
record ReliabilityOnUdp(MessageStream plain, long messages, long datagramsSent, long retransmissions, long duplicates, long delivered,
                        Histogram latency) {
    static final int MESSAGES = 2_000;
    static final double LOSS = 0.10;
    static final long FEWEST_RETRANSMISSIONS = 140;
    static final long MOST_RETRANSMISSIONS = 450;
    static final long RETRANSMISSION_TIMEOUT_MICROS = ReliableUdp.RETRANSMIT_AFTER_NANOS / 1_000;

    static ReliabilityOnUdp run(NetworkLab lab) {
        MessageStream plain = MessageStream.over(lab, Protocol.UDP, LOSS, MESSAGES);
        Report report;
        try (Fault dropping = lab.lossAtReceiver(LOSS)) {
            report = lab.run("reliable-udp", MESSAGES, MessageStream.MESSAGE_SIZE);
        }
        return new ReliabilityOnUdp(plain, report.number("messages"), report.number("datagramsSent"), report.number("retransmissions"),
                report.number("duplicates"), report.number("delivered"), report.histogram("latency"));
    }

    long p99() {
        return latency.getValueAtPercentile(99);
    }

    /**
     * UDP-11: where plain UDP lost datagrams, the layer delivered every message in order, at the cost of
     * retransmissions within the bound and a 99th percentile of at least its retransmission timeout.
     */
    Verdict check() {
        String figures = String.format(Locale.ROOT, "at %s loss plain UDP delivered %s of %s; the layer %s of %s in order, with %s retransmissions"
                        + " (%s to %s allowed; %s of them duplicates of what had arrived) and an ack p99 of %s", lossRate(LOSS), count(plain.received()),
                count(plain.sent()), count(delivered), count(messages), count(retransmissions), count(FEWEST_RETRANSMISSIONS),
                count(MOST_RETRANSMISSIONS), count(duplicates), ms(p99()));
        boolean recovered = plain.received() < plain.sent() && delivered == messages;
        boolean waited = p99() >= RETRANSMISSION_TIMEOUT_MICROS;
        boolean cost = retransmissions >= FEWEST_RETRANSMISSIONS && retransmissions <= MOST_RETRANSMISSIONS;
        if (recovered && waited && retransmissions > MOST_RETRANSMISSIONS && retransmissions - duplicates <= MOST_RETRANSMISSIONS) {
            return Verdict.notShown("UDP-11", "%s: every message was recovered, but acks came later than the %s timer on this busy machine,"
                    + " and their retransmissions hide the cost of the loss", figures, ms(RETRANSMISSION_TIMEOUT_MICROS));
        }
        return Verdict.holdsIf(recovered && waited && cost, "UDP-11", figures, figures + ": "
                + (recovered ? "not the cost the claim states" : "the loss was not recovered, or plain UDP lost nothing"));
    }
}
