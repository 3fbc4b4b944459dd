package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Datagrams of 1,000, 8,000 and 32,000 bytes cross the 1,500-byte MTU of the Docker network in 1, 6 and 22 IP
 * fragments. 450 of each are sent, 2 ms apart, while 10% of packets are dropped on the way in.
 *
 * <p>The bounds, one per expected share q: the share delivered of n = 450 independent datagrams has a standard
 * deviation of sqrt(q(1 - q)/n), 0.0141 at q = 0.90, 0.0235 at 0.53 and 0.0140 at 0.10; each bound is 5.5 of them
 * either side. By the exact binomial tails, noise breaks one of these bounds about once in 5 million assertions (at
 * worst 1.8e-7, at q = 0.10). They are narrow enough to exclude what the claim denies: no loss at all (450 of 450,
 * 1.00) is outside 0.90 ± 0.078; a 32,000-byte datagram lost like a small one (0.90), or not at all (0.00), is
 * outside 0.098 ± 0.077; an 8,000-byte one at 0.90 is outside 0.53 ± 0.129.
 */
class FragmentationTest extends WithNetworkLab {
    private static final double LOSS = 0.10;
    private static final int PER_SIZE = 450;
    private static final double STANDARD_DEVIATIONS = 5.5;

    @Test
    @Claim("UDP-8")
    void losingAnyFragmentLosesTheWholeDatagram() {
        // given / when: packets dropped one by one as they arrive, fragments included
        Report report;
        try (Fault loss = lab.lossOnTheWireAtReceiver(LOSS)) {
            report = lab.run("fragments", PER_SIZE, 1_000, 8_000, 32_000);
        }

        // then: a datagram arrives only if all its fragments do, (1 - p)^fragments
        print("on the wire", report);
        assertDelivered(report, 1_000, 1, "1 fragment: arrives with probability 0.9");
        assertDelivered(report, 8_000, 6, "6 fragments: all arrive with probability 0.9^6 = 0.53");
        assertDelivered(report, 32_000, 22, "22 fragments: all arrive with probability 0.9^22 = 0.098");
    }

    @Test
    @Claim("UDP-8")
    void droppedAfterReassemblyABigDatagramIsLostLikeASmallOne() {
        // given / when: the same datagrams, dropped by iptables in INPUT, which sees them reassembled (the control)
        Report report;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            report = lab.run("fragments", PER_SIZE, 1_000, 8_000, 32_000);
        }

        // then: each datagram is one packet to the rule, whatever its size
        print("after reassembly", report);
        for (int size : new int[] {1_000, 8_000, 32_000}) {
            assertDelivered(report, size, 1, String.format("%,d bytes, dropped whole: 0.9 arrive, whatever the size", size));
        }
    }

    private static void assertDelivered(Report report, int size, int packetsThatMustArrive, String claim) {
        double expected = Math.pow(1 - LOSS, packetsThatMustArrive);
        assertThat(delivered(report, size)).as("%s (%d of %d arrived)", claim, report.number("received_" + size), PER_SIZE)
                .isCloseTo(expected, binomialBound(expected));
    }

    /** STANDARD_DEVIATIONS standard deviations of the share of PER_SIZE independent trials that succeed with probability q. */
    private static Offset<Double> binomialBound(double q) {
        return within(STANDARD_DEVIATIONS * Math.sqrt(q * (1 - q) / PER_SIZE));
    }

    private static double delivered(Report report, int size) {
        return (double) report.number("received_" + size) / report.number("sent");
    }

    private static void print(String where, Report report) {
        System.out.printf("10%% loss %s: 1,000 bytes %.3f, 8,000 bytes %.3f, 32,000 bytes %.3f delivered%n", where,
                delivered(report, 1_000), delivered(report, 8_000), delivered(report, 32_000));
    }
}
