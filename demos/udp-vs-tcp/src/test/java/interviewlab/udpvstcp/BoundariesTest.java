package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Receiver;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages of 8, 200, 3,000, 50, 1,400, 16 and 100,000 bytes, sent one per send() or write(); the receiver
 * reports what each of its receive() or read() calls returned ({@link Boundaries}). The last is too big for a
 * datagram and only goes over TCP. Over TCP each write is sent at once as its own segment (TCP_NODELAY), and the
 * receiver starts reading only once the sender has written everything, into a 64 KB buffer. The last test checks
 * that the demo's checker, which prints the verdict a reader sees, agrees with the three before it.
 */
class BoundariesTest extends WithNetworkLab {
    private static Boundaries boundaries;

    @BeforeAll
    static void runTheExperiment() {
        boundaries = Boundaries.run(lab);
        System.out.println(boundaries.check().line());
    }

    @Test
    @Claim("UDP-5")
    void udpKeepsMessageBoundaries() {
        assertThat(boundaries.udpReceives())
                .as("each UDP receive returns exactly one datagram, as it was sent")
                .isEqualTo(boundaries.datagrams());
    }

    @Test
    @Claim("UDP-5")
    void tcpIsAByteStreamThatMergesAndSplitsWrites() {
        List<Integer> written = boundaries.written();
        List<Integer> reads = boundaries.tcpReads();
        assertThat(sum(reads)).as("every byte arrives").isEqualTo(sum(written));
        assertThat(reads.get(0))
                .as("merged: the first read returns the bytes of several writes, each of which was its own segment")
                .isGreaterThan(written.get(0) + written.get(1));
        assertThat(reads)
                .as(
                        "split: a read returns at most what fits the reader's buffer, so the 100,000-byte write takes several")
                .doesNotContain(100_000)
                .allMatch(read -> read <= Receiver.READ_BUFFER);
    }

    @Test
    @Claim("UDP-5")
    void aLengthPrefixPutsTheBoundariesBackOnTcp() {
        assertThat(boundaries.framedReads())
                .as("with a 4-byte length before each message, the reader finds every message again")
                .isEqualTo(boundaries.written());
    }

    @Test
    @Claim("UDP-5")
    void theDemosCheckerAgrees() {
        Verdict verdict = boundaries.check();
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }
}
