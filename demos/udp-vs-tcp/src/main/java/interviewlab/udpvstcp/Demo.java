package interviewlab.udpvstcp;

import interviewlab.support.faults.Fault;
import interviewlab.support.narration.Narrator;
import interviewlab.udpvstcp.peer.Ports;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import interviewlab.udpvstcp.peer.Sender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * UDP or TCP? The same stream of numbered messages over both, through a receiver whose kernel drops a share of
 * incoming packets: what arrives, in what order, how late. Then boundaries, sizes, connections, and a small
 * reliability layer on UDP.
 */
public final class Demo {
    static final double[] LOSS_RATES = {0, 0.01, 0.05, 0.10};
    static final int MESSAGES = 2_000;
    static final int MESSAGE_SIZE = 100;
    static final int INTERVAL_MICROS = 1_000;
    static final int[] DATAGRAM_SIZES = {1_000, 4_000, 8_000, 16_000, 32_000, 60_000};
    static final double FRAGMENT_LOSS = 0.10;
    static final int FRAGMENTS_PER_SIZE = 200;
    static final double RELIABLE_LOSS = 0.10;
    /** What fits in one packet on a 1,500-byte MTU: 1,500 minus the 20-byte IP header; the first fragment also carries UDP's 8. */
    static final int FRAGMENT_PAYLOAD = 1_480;

    private final Narrator narrator = new Narrator();

    public static void main(String[] args) {
        new Demo().run();
    }

    private void run() {
        try (NetworkLab lab = new NetworkLab()) {
            lossAndLatency(lab);
            fragments(lab);
            boundariesAndSizes(lab);
            connections(lab);
            reliableUdp(lab);
        }
    }

    private void lossAndLatency(NetworkLab lab) {
        narrator.scenario(String.format("%,d messages of %d bytes, one per ms, over UDP and over TCP, at rising packet loss", MESSAGES, MESSAGE_SIZE));
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("configured loss", "protocol", "arrived", "measured loss", "send errors", "out of order", "p50", "p99", "p99.9", "max"));
        for (double loss : LOSS_RATES) {
            try (Fault dropping = loss > 0 ? lab.lossAtReceiver(loss) : () -> { }) {
                narrator.say("receiver", "drops %.0f%% of incoming packets (iptables statistic, random)", loss * 100);
                Report udp = lab.run("udp-stream", MESSAGES, MESSAGE_SIZE, INTERVAL_MICROS);
                table.add(row(loss, "UDP", udp, String.valueOf(udp.number("sendErrors")), udp.number("reordered")));
                Report tcp = lab.run("tcp-stream", MESSAGES, MESSAGE_SIZE, INTERVAL_MICROS);
                table.add(row(loss, "TCP", tcp, "–", tcp.number("outOfOrder")));
                narrator.say("sender", "UDP: %d of %d arrived; TCP: %d of %d, p99 %s", udp.number("received"), MESSAGES,
                        tcp.number("received"), MESSAGES, ms(tcp.histogram("latency").getValueAtPercentile(99)));
            }
        }
        narrator.table(table);
        narrator.verdict("UDP loses what the network loses and no more; TCP loses nothing, and pays in its latency tail");
    }

    private List<String> row(double loss, String protocol, Report report, String sendErrors, long outOfOrder) {
        Histogram latency = report.histogram("latency");
        double measured = 1 - (double) report.number("received") / report.number("sent");
        return List.of(percent(loss), protocol, report.number("received") + "/" + report.number("sent"), percent(measured),
                sendErrors, String.valueOf(outOfOrder), ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
    }

    private void fragments(NetworkLab lab) {
        narrator.scenario(String.format("Big datagrams are fragmented: delivery against size at %.0f%% packet loss on the wire", FRAGMENT_LOSS * 100));
        List<Object> arguments = new ArrayList<>(List.of(FRAGMENTS_PER_SIZE));
        for (int size : DATAGRAM_SIZES) {
            arguments.add(size);
        }
        Report report;
        try (Fault dropping = lab.lossOnTheWireAtReceiver(FRAGMENT_LOSS)) {
            report = lab.run("fragments", arguments.toArray());
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("datagram bytes", "fragments", "arrived", "expected (1 - p)^fragments"));
        for (int size : DATAGRAM_SIZES) {
            int fragments = fragmentsOf(size);
            table.add(List.of(String.format("%,d", size), String.valueOf(fragments),
                    percent((double) report.number("received_" + size) / report.number("sent")),
                    percent(Math.pow(1 - FRAGMENT_LOSS, fragments))));
        }
        narrator.table(table);
        narrator.verdict("losing any one fragment loses the whole datagram");
    }

    static int fragmentsOf(int payload) {
        return (payload + 8 + FRAGMENT_PAYLOAD - 1) / FRAGMENT_PAYLOAD;
    }

    private void boundariesAndSizes(NetworkLab lab) {
        narrator.scenario("Message boundaries and sizes");
        Report boundaries = lab.run("boundaries");
        narrator.say("sender", "wrote messages of  %s bytes", boundaries.text("written"));
        narrator.say("UDP", "each receive got   %s", boundaries.text("udpReceives"));
        narrator.say("TCP", "the reads returned %s", boundaries.text("tcpReads"));
        narrator.say("framed", "length-prefixed:   %s", boundaries.text("framedReads"));
        Report sizes = lab.run("sizes");
        narrator.say("UDP", "%,d bytes: arrived with %s; %,d: %s", Receiver.MAX_UDP_PAYLOAD, sizes.text("largestArrived"),
                Receiver.MAX_UDP_PAYLOAD + 1, sizes.text("oneMore"));
        byte[] cut = HexFormat.of().parseHex(sizes.text("tooLongReceived"));
        byte[] next = HexFormat.of().parseHex(sizes.text("nextReceived"));
        narrator.say("UDP", "%,d bytes into a %d-byte buffer: receive() returned %d bytes, %s, and no error", Sender.TOO_LONG,
                Ports.SMALL_BUFFER, cut.length,
                Arrays.equals(cut, Arrays.copyOf(Sender.datagram(1, Sender.TOO_LONG), cut.length)) ? "its first ones" : "not its first ones");
        narrator.say("UDP", "the next receive returned %s",
                Arrays.equals(next, Sender.datagram(2, Sender.NEXT)) ? "the next datagram, whole" : "something other than the next datagram");
        narrator.verdict("UDP keeps message boundaries, TCP does not; framing puts them back");
    }

    private void connections(NetworkLab lab) {
        narrator.scenario("Connections");
        Report first = lab.run("first-byte", 500);
        narrator.say("first byte", "medians of 500: TCP (connect, write, read) %s, of which connect() %s; UDP (connect, send, receive) %s,"
                        + " of which connect() %s; a round trip (ping) %s", median(first, "tcp"), median(first, "tcpConnect"),
                median(first, "udp"), median(first, "udpConnect"), median(first, "ping"));
        Report closed = lab.run("closed-port");
        narrator.say("closed", "TCP connect: %s after %s", closed.text("tcpConnect"), ms(closed.number("tcpMicros")));
        narrator.say("closed", "UDP send: %s; the next receive: %s", closed.text("udpSend"), closed.text("udpReceive"));
        narrator.verdict("TCP knows at once that nobody listens; UDP's send cannot know, and a later call learns only if the ICMP error is passed on");
    }

    private void reliableUdp(NetworkLab lab) {
        narrator.scenario(String.format("A small reliability layer on UDP, at %.0f%% loss", RELIABLE_LOSS * 100));
        Report report;
        try (Fault dropping = lab.lossAtReceiver(RELIABLE_LOSS)) {
            report = lab.run("reliable-udp", MESSAGES, MESSAGE_SIZE);
        }
        Histogram latency = report.histogram("latency");
        narrator.say("sender", "%d messages, %d datagrams sent (%d retransmissions, %d duplicates dropped), %d delivered in order; ack p50 %s, p99 %s",
                report.number("messages"), report.number("datagramsSent"), report.number("retransmissions"), report.number("duplicates"),
                report.number("delivered"),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)));
        narrator.verdict("sequence numbers, acks and retransmission recover every message; the price is extra datagrams and a latency tail");
    }

    private static String median(Report report, String histogram) {
        return ms(report.histogram(histogram).getValueAtPercentile(50));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
