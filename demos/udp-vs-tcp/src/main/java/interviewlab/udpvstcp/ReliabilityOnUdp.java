package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.count;
import static interviewlab.udpvstcp.Figures.lossRate;
import static interviewlab.udpvstcp.Figures.ms;

import interviewlab.support.faults.Fault;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.MessageStream.Protocol;
import interviewlab.udpvstcp.peer.ReliableUdp;
import interviewlab.udpvstcp.peer.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Reliability built on UDP: {@link ReliableUdp}'s sequence numbers, acknowledgements and retransmission after 20 ms,
 * for 2,000 messages of 100 bytes at 10 % packet loss; the control is the same stream over plain UDP at the same loss.
 *
 * <p>The bound on the retransmissions of lost datagrams. The receiver counts them from the number each transmission
 * carries: for each message, the number of its first transmission to arrive, less one, is how many were lost before
 * it. Each is lost independently with p = 0.1, so that count is geometric, with mean p/(1 - p) = 0.111 and variance
 * p/(1 - p)^2 = 0.123; over 2,000 messages (a negative binomial) 222 on average, with a standard deviation of
 * sqrt(2000 * 0.123) = 15.7. {@link #FEWEST_RETRANSMISSIONS} to {@link #MOST_RETRANSMISSIONS} is 5.5 of them either
 * side: by the exact negative binomial tails, noise takes the count outside once in 8 million runs (1.1e-9 below,
 * 1.2e-7 above), while without loss it is 0, and at 5 % loss (105 expected) it falls below 136 in 997 runs of 1,000.
 * The count does not depend on how busy the machine is: a retransmission after an ack that was merely late repeats a
 * message that had arrived, and is not in it. The sender's own count has those too, and the difference is shown.
 *
 * <p>Head-of-line blocking: about 200 of the 2,000 first transmissions are lost, and the receiver, which delivers in
 * order, holds the messages behind each one (up to 31, the rest of the window, sent within a round trip of it) until
 * its retransmission arrives, 20 ms or more after its first send. The 99th percentile of the time a message waited
 * after it arrived reaches {@link #HELD_BACK_MICROS} if 20 of the 2,000 waited that long: it stays under only if,
 * after nearly every loss, the messages behind it came 10 ms late. Without loss nothing waits: datagrams on one
 * Docker network arrive in the order sent.
 *
 * @param plain the control: the same loss, over plain UDP
 * @param retransmissions all the sender's retransmissions: of lost datagrams, and after acks later than the timer
 * @param retransmissionsOfLost the retransmissions that replaced a lost datagram, counted by the receiver
 * @param duplicates datagrams the receiver had delivered already: retransmissions after a late ack that arrived
 * @param delivered the messages the receiver delivered in order, with no gap
 * @param latency each message's time from its first send to its ack, in microseconds
 * @param heldBackP50 the median time a message waited at the receiver, after it arrived, for those before it
 * @param heldBackP99 the same, its 99th percentile
 */
record ReliabilityOnUdp(
        MessageStream plain,
        long messages,
        long datagramsSent,
        long retransmissions,
        long retransmissionsOfLost,
        long duplicates,
        long delivered,
        Histogram latency,
        long heldBackP50,
        long heldBackP99) {
    static final int MESSAGES = 2_000;
    static final double LOSS = 0.10;
    static final long FEWEST_RETRANSMISSIONS = 136;
    static final long MOST_RETRANSMISSIONS = 308;
    static final long RETRANSMISSION_TIMEOUT_MICROS = ReliableUdp.RETRANSMIT_AFTER_NANOS / 1_000;
    /** Half the retransmission timeout: a 99th percentile wait this long is the receiver holding messages for lost ones. */
    static final long HELD_BACK_MICROS = RETRANSMISSION_TIMEOUT_MICROS / 2;

    static ReliabilityOnUdp run(NetworkLab lab) {
        MessageStream plain = MessageStream.over(lab, Protocol.UDP, LOSS, MESSAGES);
        Report report;
        try (Fault dropping = lab.lossAtReceiver(LOSS)) {
            report = lab.run("reliable-udp", MESSAGES, MessageStream.MESSAGE_SIZE);
        }
        return new ReliabilityOnUdp(
                plain,
                report.number("messages"),
                report.number("datagramsSent"),
                report.number("retransmissions"),
                report.number("retransmissionsOfLost"),
                report.number("duplicates"),
                report.number("delivered"),
                report.histogram("latency"),
                report.number("heldBackP50"),
                report.number("heldBackP99"));
    }

    long p99() {
        return latency.getValueAtPercentile(99);
    }

    /** The sender's retransmissions of messages that had arrived, because their ack came later than the timer. */
    long retransmissionsAfterLateAck() {
        return retransmissions - retransmissionsOfLost;
    }

    /**
     * UDP-11: where plain UDP lost datagrams, the layer delivered every message in order, sending each lost one again
     * (as many retransmissions of lost datagrams as the bound allows), with an ack p99 of at least its retransmission
     * timeout, and a receiver that held messages back for the lost ones before them.
     */
    Verdict check() {
        String figures = String.format(
                Locale.ROOT,
                "at %s loss plain UDP delivered %s of %s; the layer %s of %s in order, with %s retransmissions"
                        + " of lost datagrams (%s to %s within the bound) and %s after a late ack (%s arrived as duplicates); its ack p99 %s,"
                        + " and the receiver held the 99th percentile of messages %s after they arrived",
                lossRate(LOSS),
                count(plain.received()),
                count(plain.sent()),
                count(delivered),
                count(messages),
                count(retransmissionsOfLost),
                count(FEWEST_RETRANSMISSIONS),
                count(MOST_RETRANSMISSIONS),
                count(retransmissionsAfterLateAck()),
                count(duplicates),
                ms(p99()),
                ms(heldBackP99));
        List<String> against = new ArrayList<>();
        if (plain.received() == plain.sent()) {
            against.add("plain UDP lost nothing");
        }
        if (delivered != messages) {
            against.add("the layer did not deliver every message");
        }
        if (retransmissionsOfLost < FEWEST_RETRANSMISSIONS || retransmissionsOfLost > MOST_RETRANSMISSIONS) {
            against.add("the retransmissions of lost datagrams are outside the bound");
        }
        if (p99() < RETRANSMISSION_TIMEOUT_MICROS) {
            against.add("the ack p99 is under the " + ms(RETRANSMISSION_TIMEOUT_MICROS) + " timer");
        }
        if (heldBackP99 < HELD_BACK_MICROS) {
            against.add("fewer than 1 % of messages waited " + ms(HELD_BACK_MICROS)
                    + " at the receiver for those before them");
        }
        return Verdict.holdsIf(against.isEmpty(), "UDP-11", figures, String.join(", ", against) + ": " + figures);
    }
}
