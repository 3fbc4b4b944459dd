package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.claims.Claim;
import interviewlab.support.faults.Fault;
import interviewlab.udpvstcp.peer.Report;
import org.junit.jupiter.api.Test;

/**
 * Datagrams of 1,000, 8,000 and 32,000 bytes cross the 1,500-byte MTU of the Docker network in 1, 6 and 22 IP
 * fragments. 450 of each are sent, 2 ms apart, while 10% of packets are dropped on the way in.
 *
 * <p>The bound: the delivered share of n = 450 has a standard deviation of sqrt(q(1 - q)/n), at most 0.0236
 * (at q = 0.5); 0.12 is 5.1 of them, so noise breaks it less than once in 10^6 assertions. The expected shares,
 * 0.90, 0.53 and 0.10, are 3 or more tolerances apart, so no size can pass for another.
 */
class FragmentationTest extends WithNetworkLab {
    private static final double LOSS = 0.10;
    private static final int PER_SIZE = 450;
    private static final double TOLERANCE = 0.12;

    @Test
    @Claim("UDP-8")
    void losingAnyFragmentLosesTheWholeDatagram() {
        // given / when: packets dropped one by one as they arrive, fragments included
        Report report;
        try (Fault loss = lab.lossOnTheWireAtReceiver(LOSS)) {
            report = lab.run("fragments", PER_SIZE, 1_000, 8_000, 32_000);
        }

        // then
        print("on the wire", report);
        assertThat(delivered(report, 1_000)).as("1 fragment: arrives with probability 0.9").isCloseTo(0.9, within(TOLERANCE));
        assertThat(delivered(report, 8_000)).as("6 fragments: 0.9^6 = 0.53").isCloseTo(Math.pow(0.9, 6), within(TOLERANCE));
        assertThat(delivered(report, 32_000)).as("22 fragments: 0.9^22 = 0.10").isCloseTo(Math.pow(0.9, 22), within(TOLERANCE));
    }

    @Test
    @Claim("UDP-8")
    void droppedAfterReassemblyABigDatagramIsLostLikeASmallOne() {
        // given / when: the same datagrams, dropped by iptables, which sees them reassembled (the control)
        Report report;
        try (Fault loss = lab.lossAtReceiver(LOSS)) {
            report = lab.run("fragments", PER_SIZE, 1_000, 8_000, 32_000);
        }

        // then
        print("after reassembly", report);
        for (int size : new int[] {1_000, 8_000, 32_000}) {
            assertThat(delivered(report, size)).as("%,d bytes, dropped whole: 0.9 arrive, whatever the size", size).isCloseTo(0.9, within(TOLERANCE));
        }
    }

    private static double delivered(Report report, int size) {
        return (double) report.number("received_" + size) / report.number("sent");
    }

    private static void print(String where, Report report) {
        System.out.printf("10%% loss %s: 1,000 bytes %.2f, 8,000 bytes %.2f, 32,000 bytes %.2f delivered%n", where,
                delivered(report, 1_000), delivered(report, 8_000), delivered(report, 32_000));
    }
}
