package interviewlab.udpvstcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.Fragmentation.Where;
import org.junit.jupiter.api.Test;

/**
 * Datagrams of 1,000, 8,000 and 32,000 bytes cross the 1,500-byte MTU of the Docker network in 1, 6 and 22 IP
 * fragments. 450 of each are sent, 2 ms apart, while 10% of packets are dropped on the way in: whole, after the
 * kernel reassembled them (the control), then one by one as they arrive, fragments included.
 *
 * <p>The bounds, one per expected share q, are {@link Share}'s: the share delivered of n = 450 independent datagrams
 * has a standard deviation of sqrt(q(1 - q)/n), 0.0141 at q = 0.90, 0.0235 at 0.53 and 0.0140 at 0.10; each bound
 * is 5.5 of them either side. By the exact binomial tails, noise breaks one of these bounds about once in 5 million
 * assertions (at worst 1.8e-7, at q = 0.10). They are narrow enough to exclude what the claim denies: no loss at all
 * (450 of 450, 1.00) is outside 0.90 ± 0.078; a 32,000-byte datagram lost like a small one (0.90), or not at all
 * (0.00), is outside 0.098 ± 0.077; an 8,000-byte one at 0.90 is outside 0.53 ± 0.129.
 */
class FragmentationTest extends WithNetworkLab {
    private static final double LOSS = 0.10;
    private static final int PER_SIZE = 450;
    private static final int[] SIZES = {1_000, 8_000, 32_000};

    @Test
    @Claim("UDP-8")
    void losingAnyFragmentLosesTheWholeDatagram() {
        // given: dropped by iptables in INPUT, which sees each datagram reassembled, one packet whatever its size (the
        // control, first: it leaves no datagram half reassembled in the receiver's memory)
        Fragmentation afterReassembly = Fragmentation.run(lab, Where.AFTER_REASSEMBLY, LOSS, PER_SIZE, SIZES);

        // when: packets are dropped one by one as they arrive, fragments included
        Fragmentation onTheWire = Fragmentation.run(lab, Where.ON_THE_WIRE, LOSS, PER_SIZE, SIZES);

        // then: a datagram arrives only if all its fragments do, (1 - p)^fragments
        Verdict verdict = Fragmentation.check(onTheWire, afterReassembly);
        System.out.println(verdict.line());
        for (int size : SIZES) {
            assertDelivered(
                    afterReassembly,
                    size,
                    String.format("%,d bytes, dropped whole: 0.9 arrive, whatever the size", size));
        }
        assertDelivered(onTheWire, 1_000, "1 fragment: arrives with probability 0.9");
        assertDelivered(onTheWire, 8_000, "6 fragments: all arrive with probability 0.9^6 = 0.53");
        assertDelivered(onTheWire, 32_000, "22 fragments: all arrive with probability 0.9^22 = 0.098");
        assertThat(verdict.kind())
                .as("the checker the demo prints agrees: %s", verdict.line())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    private static void assertDelivered(Fragmentation run, int size, String claim) {
        assertThat(run.delivered(size))
                .as("%s (%d of %d arrived)", claim, run.received().get(size), PER_SIZE)
                .isCloseTo(run.expected(size), within(Share.bound(PER_SIZE, run.expected(size))));
    }
}
