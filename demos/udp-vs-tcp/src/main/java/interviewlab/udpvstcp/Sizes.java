package interviewlab.udpvstcp;

import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Ports;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import interviewlab.udpvstcp.peer.Sender;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How big a datagram can be, and what happens to one bigger than the buffer that receives it: the length of the
 * largest datagram that arrived, what sending one byte more did, and exactly the bytes each of the receiver's two
 * receive() calls into a 100-byte buffer returned, for a 1,000-byte datagram and then a 50-byte one.
 *
 * @param oneMore the exception send() threw, as "IOException:Message_too_long", or "sent"
 */
record Sizes(long largestArrived, String oneMore, byte[] tooLongReceived, byte[] nextReceived) {

    static Sizes run(NetworkLab lab) {
        Report report = lab.run("sizes");
        return new Sizes(
                report.number("largestArrived"),
                report.text("oneMore"),
                HexFormat.of().parseHex(report.text("tooLongReceived")),
                HexFormat.of().parseHex(report.text("nextReceived")));
    }

    /** The first bytes of the datagram that did not fit, as many as the buffer holds. */
    static byte[] firstBytesOfTheTooLong() {
        return Arrays.copyOf(Sender.datagram(1, Sender.TOO_LONG), Ports.SMALL_BUFFER);
    }

    static byte[] theNext() {
        return Sender.datagram(2, Sender.NEXT);
    }

    boolean oneMoreRefused() {
        return oneMore.contains("Message_too_long");
    }

    /** UDP-6: the largest payload, 65,507 bytes, arrives whole; one byte more fails at send() with "Message too long". */
    Verdict largestPayloadCheck() {
        String figures = String.format(
                Locale.ROOT,
                "a %,d-byte datagram arrived as %,d bytes; one of %,d: %s",
                Receiver.MAX_UDP_PAYLOAD,
                largestArrived,
                Receiver.MAX_UDP_PAYLOAD + 1,
                oneMore.equals("sent")
                        ? "send() returned"
                        : "send() threw " + oneMore.replace(":", ": ").replace('_', ' '));
        return Verdict.holdsIf(
                largestArrived == Receiver.MAX_UDP_PAYLOAD && oneMoreRefused(), "UDP-6", figures, figures);
    }

    /**
     * UDP-7: the datagram longer than the buffer came back as its first 100 bytes and no error; the next receive
     * returned the next datagram, whole: the rest of the long one was gone.
     */
    Verdict truncationCheck() {
        boolean cut = Arrays.equals(tooLongReceived, firstBytesOfTheTooLong());
        boolean nextWhole = Arrays.equals(nextReceived, theNext());
        String figures = String.format(
                Locale.ROOT,
                "a %,d-byte datagram into a %d-byte buffer: receive() returned %d bytes, %s, and no error;"
                        + " the next receive() returned %d bytes, %s",
                Sender.TOO_LONG,
                Ports.SMALL_BUFFER,
                tooLongReceived.length,
                cut ? "its first ones" : "not its first ones",
                nextReceived.length,
                nextWhole ? "the next datagram, whole" : "not the next datagram");
        return Verdict.holdsIf(cut && nextWhole, "UDP-7", figures, figures);
    }
}
