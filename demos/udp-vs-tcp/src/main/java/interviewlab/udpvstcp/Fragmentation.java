package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.count;
import static interviewlab.udpvstcp.Figures.lossRate;
import static interviewlab.udpvstcp.Figures.percent;

import interviewlab.support.faults.Fault;
import interviewlab.support.observed.Verdict;
import interviewlab.udpvstcp.peer.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Datagrams of several sizes, each crossing the Docker network's 1,500-byte MTU in its number of IP fragments, sent
 * 2 ms apart while the receiver drops a share of incoming packets: either one by one as they arrive, fragments
 * included, or whole, after the kernel has reassembled them (the control). How many of each size arrived.
 *
 * @param received for each size, in the order sent, how many of the {@code perSize} datagrams arrived
 */
record Fragmentation(Where where, double loss, int perSize, Map<Integer, Long> received) {
    /** What fits in one packet on a 1,500-byte MTU: 1,500 minus the 20-byte IP header; the first fragment also carries UDP's 8. */
    static final int FRAGMENT_PAYLOAD = 1_480;

    /** Where the receiver drops packets. */
    enum Where {
        /** An nftables chain before reassembly: each fragment is a packet of its own. */
        ON_THE_WIRE,
        /** iptables INPUT, after reassembly: a datagram is one packet, whatever its size. */
        AFTER_REASSEMBLY
    }

    static Fragmentation run(NetworkLab lab, Where where, double loss, int perSize, int... sizes) {
        List<Object> arguments = new ArrayList<>(List.of(perSize));
        Arrays.stream(sizes).forEach(arguments::add);
        Report report;
        try (Fault dropping =
                where == Where.ON_THE_WIRE ? lab.lossOnTheWireAtReceiver(loss) : lab.lossAtReceiver(loss)) {
            report = lab.run("fragments", arguments.toArray());
        }
        Map<Integer, Long> received = new LinkedHashMap<>();
        Arrays.stream(sizes).forEach(size -> received.put(size, report.number("received_" + size)));
        return new Fragmentation(where, loss, (int) report.number("sent"), received);
    }

    /** The IP fragments a UDP payload of this size travels in. */
    static int fragmentsOf(int payload) {
        return (payload + 8 + FRAGMENT_PAYLOAD - 1) / FRAGMENT_PAYLOAD;
    }

    /** The share of datagrams of this size that arrived. */
    double delivered(int size) {
        return (double) received.get(size) / perSize;
    }

    /** The packets that must all arrive for the datagram to: its fragments on the wire, itself after reassembly. */
    int packetsThatMustArrive(int size) {
        return where == Where.ON_THE_WIRE ? fragmentsOf(size) : 1;
    }

    /** The share expected to arrive if each packet is dropped independently: (1 - p)^packets. */
    double expected(int size) {
        return Math.pow(1 - loss, packetsThatMustArrive(size));
    }

    boolean asExpected(int size) {
        return Share.near(received.get(size), perSize, expected(size));
    }

    /**
     * UDP-8: on the wire a datagram arrives only if all its fragments do, (1 - p)^fragments; dropped after reassembly,
     * each arrives 1 - p of the time, whatever its size; every share within the bound of {@link Share}.
     */
    static Verdict check(Fragmentation onTheWire, Fragmentation afterReassembly) {
        if (onTheWire.where != Where.ON_THE_WIRE || afterReassembly.where != Where.AFTER_REASSEMBLY) {
            throw new IllegalArgumentException(
                    "UDP-8 is checked over a run on the wire and its control after reassembly");
        }
        String figures = String.format(
                Locale.ROOT,
                "at %s loss, of %s datagrams per size, on the wire %s; after reassembly %s",
                lossRate(onTheWire.loss),
                count(onTheWire.perSize),
                onTheWire.shares(),
                afterReassembly.shares());
        List<String> outside = new ArrayList<>();
        for (Fragmentation run : List.of(onTheWire, afterReassembly)) {
            run.received.keySet().stream()
                    .filter(size -> !run.asExpected(size))
                    .forEach(size -> outside.add(String.format(
                            Locale.ROOT,
                            "%,d bytes %s",
                            size,
                            run.where == Where.ON_THE_WIRE ? "on the wire" : "after reassembly")));
        }
        return Verdict.holdsIf(
                outside.isEmpty(),
                "UDP-8",
                figures + ": each within the bound of (1 − p)^packets, so one lost fragment loses the datagram",
                figures + ": outside the bound of (1 − p)^packets for " + String.join(", ", outside));
    }

    /** "1,000 bytes (1 packet) 89.5 % against 90.0 %, ...". */
    private String shares() {
        List<String> shares = new ArrayList<>();
        received.keySet()
                .forEach(size -> shares.add(String.format(
                        Locale.ROOT,
                        "%,d bytes (%d packet%s) %s against %s",
                        size,
                        packetsThatMustArrive(size),
                        packetsThatMustArrive(size) == 1 ? "" : "s",
                        percent(delivered(size)),
                        percent(expected(size)))));
        return String.join(", ", shares);
    }
}
