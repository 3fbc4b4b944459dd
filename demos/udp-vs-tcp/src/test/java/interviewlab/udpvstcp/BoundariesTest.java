package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages of 8, 200, 3,000, 50, 1,400, 16 and 100,000 bytes, sent one per send() or write(); the receiver
 * reports what each of its receive() or read() calls returned. The last is too big for a datagram and only goes
 * over TCP. Over TCP each write is sent at once as its own segment (TCP_NODELAY), and the receiver starts reading
 * only once the sender has written everything, into a 64 KB buffer.
 */
class BoundariesTest extends WithNetworkLab {
    private static Report report;

    @BeforeAll
    static void runTheExperiment() {
        report = lab.run("boundaries");
        System.out.println("written " + report.text("written") + "; UDP receives " + report.text("udpReceives")
                + "; TCP reads " + report.text("tcpReads") + "; framed " + report.text("framedReads"));
    }

    @Test
    @Claim("UDP-5")
    void udpKeepsMessageBoundaries() {
        List<Integer> datagrams = sizes("written").stream().filter(size -> size <= Receiver.MAX_UDP_PAYLOAD).toList();
        assertThat(sizes("udpReceives")).as("each UDP receive returns exactly one datagram, as it was sent").isEqualTo(datagrams);
    }

    @Test
    @Claim("UDP-5")
    void tcpIsAByteStreamThatMergesAndSplitsWrites() {
        List<Integer> written = sizes("written");
        List<Integer> reads = sizes("tcpReads");
        assertThat(sum(reads)).as("every byte arrives").isEqualTo(sum(written));
        assertThat(reads.get(0)).as("merged: the first read returns the bytes of several writes, each of which was its own segment")
                .isGreaterThan(written.get(0) + written.get(1));
        assertThat(reads).as("split: a read returns at most what fits the reader's buffer, so the 100,000-byte write takes several")
                .doesNotContain(100_000).allMatch(read -> read <= 64 * 1024);
    }

    @Test
    @Claim("UDP-5")
    void aLengthPrefixPutsTheBoundariesBackOnTcp() {
        assertThat(sizes("framedReads")).as("with a 4-byte length before each message, the reader finds every message again")
                .isEqualTo(sizes("written"));
    }

    private static List<Integer> sizes(String key) {
        return Arrays.stream(report.text(key).split(",")).map(Integer::valueOf).toList();
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }
}
