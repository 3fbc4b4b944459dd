package interviewlab.udpvstcp;

import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Messages of 8, 200, 3,000, 50, 1,400, 16 and 100,000 bytes, sent one per send() or write(): what each of the
 * receiver's receive() or read() calls returned. The last is too big for a datagram and only goes over TCP. Over TCP
 * each write is sent at once as its own segment (TCP_NODELAY), and the receiver starts reading only once the sender
 * has written everything, into a buffer of {@link Receiver#READ_BUFFER} bytes. The sizes, in bytes, in order.
 */
record Boundaries(List<Integer> written, List<Integer> udpReceives, List<Integer> tcpReads, List<Integer> framedReads) {

    static Boundaries run(NetworkLab lab) {
        Report report = lab.run("boundaries");
        return new Boundaries(
                sizes(report, "written"),
                sizes(report, "udpReceives"),
                sizes(report, "tcpReads"),
                sizes(report, "framedReads"));
    }

    /** The messages small enough for a datagram: what went over UDP. */
    List<Integer> datagrams() {
        return written.stream().filter(size -> size <= Receiver.MAX_UDP_PAYLOAD).toList();
    }

    /** The first read returned the bytes of more than the first two writes, each of which was its own segment. */
    boolean merged() {
        return tcpReads.get(0) > written.get(0) + written.get(1);
    }

    /** No read returned more than the reader's buffer, so a write larger than it took several. */
    boolean split() {
        return written.stream().anyMatch(size -> size > Receiver.READ_BUFFER)
                && tcpReads.stream().allMatch(read -> read <= Receiver.READ_BUFFER);
    }

    /**
     * UDP-5: each UDP receive returned one datagram, at its length; TCP's reads returned every byte, but merged and
     * split the writes; with a length before each message, the reader found every message again.
     */
    Verdict check() {
        String figures = String.format(
                Locale.ROOT,
                "written %s; UDP's receives returned %s; TCP's reads %s; the length-prefixed reader found %s",
                written,
                udpReceives,
                tcpReads,
                framedReads);
        boolean udpKept = udpReceives.equals(datagrams());
        boolean tcpStream = sum(tcpReads) == sum(written) && merged() && split();
        boolean framed = framedReads.equals(written);
        return Verdict.holdsIf(
                udpKept && tcpStream && framed,
                "UDP-5",
                figures + ": UDP kept each message, TCP merged and split them, the length prefix put them back",
                String.format(
                        Locale.ROOT,
                        "%s: %s%s%s",
                        figures,
                        udpKept ? "" : "UDP did not return each datagram as sent; ",
                        tcpStream ? "" : "TCP's reads did not merge and split the writes, or lost bytes; ",
                        framed ? "" : "framing did not find every message"));
    }

    private static List<Integer> sizes(Report report, String key) {
        return Arrays.stream(report.text(key).split(",")).map(Integer::valueOf).toList();
    }

    private static long sum(List<Integer> sizes) {
        return sizes.stream().mapToLong(Integer::longValue).sum();
    }
}
