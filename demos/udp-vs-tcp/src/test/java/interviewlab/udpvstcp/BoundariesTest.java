package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.udpvstcp.peer.Report;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages of 8, 200, 3,000, 50, 1,400, 16 and 100,000 bytes, sent one per send() or write(); the receiver
 * reports what each of its receive() or read() calls returned. The last is too big for a datagram and only goes
 * over TCP. Sizes and sizes alone, so nothing here depends on loss: there is none.
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
        List<Integer> written = sizes("written");
        assertThat(sizes("udpReceives")).as("each UDP receive returns exactly one datagram, as it was sent")
                .isEqualTo(written.subList(0, written.size() - 1));
    }

    @Test
    @Claim("UDP-5")
    void tcpIsAByteStreamThatMergesAndSplitsWrites() {
        List<Integer> written = sizes("written");
        List<Integer> reads = sizes("tcpReads");
        assertThat(sum(reads)).as("every byte arrives").isEqualTo(sum(written));
        assertThat(reads).as("but the reads do not follow the writes: TCP keeps no message boundaries").isNotEqualTo(written);
        assertThat(reads).as("a 100,000-byte write cannot come back in one read of the receiver's 64 KB buffer: it is split")
                .doesNotContain(100_000);
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
