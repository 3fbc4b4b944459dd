package interviewlab.udpvstcp;

import static interviewlab.udpvstcp.Figures.count;
import static interviewlab.udpvstcp.Figures.lossRate;
import static interviewlab.udpvstcp.Figures.ms;
import static interviewlab.udpvstcp.Figures.percent;

import interviewlab.support.faults.FaultLog;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.services.LabImages;
import interviewlab.udpvstcp.Fragmentation.Where;
import interviewlab.udpvstcp.MessageStream.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.testcontainers.DockerClientFactory;

/**
 * UDP or TCP? The same stream of numbered messages over both, through a receiver whose kernel drops a share of
 * incoming packets: what arrives, in what order, how late. Then delivery against datagram size, boundaries, sizes,
 * connections, and a small reliability layer on UDP. Each verdict is the checker the tests assert, over this run.
 */
public final class Demo {
    private static final double[] LOSS_RATES = {0, 0.01, 0.05, 0.10};
    /** As many as the latency claims measure: enough that a stream at 10 % loss meets retransmission timeouts. */
    private static final int MESSAGES = 6_000;
    /** Up to 22 fragments: 60,000 bytes, 41 fragments, would arrive 1.3 % of the time, too rarely for {@link Share}'s bound. */
    private static final int[] DATAGRAM_SIZES = {1_000, 4_000, 8_000, 16_000, 32_000};

    private static final double FRAGMENT_LOSS = 0.10;
    /** Few enough that the fragments of datagrams that lost one fit the receiver's reassembly memory until they expire. */
    private static final int DATAGRAMS_PER_SIZE = 200;

    private static final int FIRST_ANSWER_TRIALS = 500;

    private final DemoRun run;
    private final Narrator narrator;

    private Demo(DemoRun run) {
        this.run = run;
        this.narrator = run.narrator();
    }

    public static void main(String[] args) {
        String kernel = DockerClientFactory.instance().getInfo().getKernelVersion();
        DemoRun.main(
                "udp-vs-tcp",
                Demo.class,
                List.of(
                        "Linux " + kernel + " (the Docker host's kernel)",
                        "OpenJDK " + LabImages.JRE.version(),
                        "Debian " + LabImages.BASE.version() + " (iptables, nftables)"),
                run -> new Demo(run).run());
    }

    private void run() {
        try (NetworkLab lab = new NetworkLab()) {
            lossAndLatency(lab);
            fragments(lab);
            boundariesAndSizes(lab);
            connections(lab);
            reliabilityOnUdp(lab);
        }
    }

    private void lossAndLatency(NetworkLab lab) {
        Instant start = Instant.now();
        narrator.scenario(String.format(
                Locale.ROOT,
                "%,d messages of %d bytes, one per ms, over UDP and over TCP, at rising packet loss",
                MESSAGES,
                MessageStream.MESSAGE_SIZE));
        Observation table = Observation.named(
                "udp-tcp-loss-latency",
                "What arrived, in what order, and how late: the round trip from when each message was due",
                "configured loss",
                "protocol",
                "arrived",
                "measured loss",
                "send errors",
                "out of order",
                "p50",
                "p99",
                "p99.9",
                "max");
        List<MessageStream> udp = new ArrayList<>();
        List<MessageStream> tcp = new ArrayList<>();
        for (double loss : LOSS_RATES) {
            if (loss == 0) {
                narrator.say("receiver", "drops nothing");
            } else {
                narrator.say("receiver", "drops %s of incoming packets (iptables statistic, random)", lossRate(loss));
            }
            MessageStream overUdp = MessageStream.over(lab, Protocol.UDP, loss, MESSAGES);
            MessageStream overTcp = MessageStream.over(lab, Protocol.TCP, loss, MESSAGES);
            narrator.say(
                    "sender",
                    "UDP: %s of %s arrived, p99 %s; TCP: %s of %s, p99 %s",
                    count(overUdp.received()),
                    count(MESSAGES),
                    ms(overUdp.p99()),
                    count(overTcp.received()),
                    count(MESSAGES),
                    ms(overTcp.p99()));
            udp.add(overUdp);
            tcp.add(overTcp);
            row(table, overUdp);
            row(table, overTcp);
        }
        table.verdict(MessageStream.udpLosesWhatTheNetworkLoses(udp))
                .verdict(MessageStream.tcpDeliversEveryByteInOrder(
                        tcp.stream().filter(stream -> stream.loss() > 0).toList()))
                .verdict(MessageStream.tcpTailGrowsByATimeout(tcp.get(0), tcp.get(tcp.size() - 1)))
                .verdict(MessageStream.udpArrivalsAreNotHeldBack(udp.get(0), udp.get(udp.size() - 1)))
                .faults(FaultLog.since(start));
        run.record(table);
    }

    private static void row(Observation table, MessageStream stream) {
        Histogram latency = stream.latency();
        boolean udp = stream.protocol() == Protocol.UDP;
        table.row(
                lossRate(stream.loss()),
                stream.protocol(),
                count(stream.received()) + "/" + count(stream.sent()),
                percent((double) stream.lost() / stream.sent()),
                udp ? count(stream.sendErrors()) : "–",
                count(stream.outOfOrder()),
                ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)),
                ms(latency.getMaxValue()));
    }

    private void fragments(NetworkLab lab) {
        Instant start = Instant.now();
        narrator.scenario(String.format(
                Locale.ROOT,
                "Big datagrams are fragmented: %d datagrams of each size at %s packet loss, dropped"
                        + " after reassembly, then on the wire",
                DATAGRAMS_PER_SIZE,
                lossRate(FRAGMENT_LOSS)));
        // The control first: it leaves no datagram half reassembled in the receiver's memory for the next run to find.
        narrator.say(
                "receiver",
                "drops %s of incoming packets in INPUT, after reassembly: whole datagrams",
                lossRate(FRAGMENT_LOSS));
        Fragmentation afterReassembly =
                Fragmentation.run(lab, Where.AFTER_REASSEMBLY, FRAGMENT_LOSS, DATAGRAMS_PER_SIZE, DATAGRAM_SIZES);
        narrator.say(
                "receiver",
                "drops %s of incoming packets before reassembly: fragments one by one",
                lossRate(FRAGMENT_LOSS));
        Fragmentation onTheWire =
                Fragmentation.run(lab, Where.ON_THE_WIRE, FRAGMENT_LOSS, DATAGRAMS_PER_SIZE, DATAGRAM_SIZES);
        Observation table = Observation.named(
                "udp-fragment-loss",
                "Delivery against datagram size",
                "datagram bytes",
                "fragments",
                "arrived, dropped on the wire",
                "expected (1 − p)^fragments",
                "arrived, dropped after reassembly",
                "expected 1 − p");
        for (int size : DATAGRAM_SIZES) {
            table.row(
                    count(size),
                    Fragmentation.fragmentsOf(size),
                    percent(onTheWire.delivered(size)),
                    percent(onTheWire.expected(size)),
                    percent(afterReassembly.delivered(size)),
                    percent(afterReassembly.expected(size)));
        }
        run.record(
                table.verdict(Fragmentation.check(onTheWire, afterReassembly)).faults(FaultLog.since(start)));
    }

    private void boundariesAndSizes(NetworkLab lab) {
        narrator.scenario("Message boundaries and sizes");
        Boundaries boundaries = Boundaries.run(lab);
        narrator.say("sender", "wrote messages of  %s bytes", boundaries.written());
        narrator.say("UDP", "each receive got   %s", boundaries.udpReceives());
        narrator.say("TCP", "the reads returned %s", boundaries.tcpReads());
        narrator.say("framed", "length-prefixed:   %s", boundaries.framedReads());
        run.verdict(boundaries.check());
        Sizes sizes = Sizes.run(lab);
        run.verdict(sizes.largestPayloadCheck());
        run.verdict(sizes.truncationCheck());
    }

    private void connections(NetworkLab lab) {
        Instant start = Instant.now();
        narrator.scenario(
                String.format(Locale.ROOT, "The first answer from a new peer, %d trials of each", FIRST_ANSWER_TRIALS));
        FirstAnswer first = FirstAnswer.run(lab, FIRST_ANSWER_TRIALS);
        Observation table = Observation.named(
                        "udp-tcp-first-answer", "Time to a first answer, and its parts", "timed", "median", "p90")
                .row("a round trip (ping)", ms(first.roundTrip()), p90(first.ping()))
                .row("TCP connect(): SYN, SYN-ACK", ms(FirstAnswer.median(first.tcpConnect())), p90(first.tcpConnect()))
                .row(
                        "UDP connect(): sends nothing",
                        ms(FirstAnswer.median(first.udpConnect())),
                        p90(first.udpConnect()))
                .row("TCP: connect(), one request, its answer", ms(FirstAnswer.median(first.tcp())), p90(first.tcp()))
                .row("UDP: one datagram, its answer", ms(FirstAnswer.median(first.udp())), p90(first.udp()));
        run.record(table.verdict(first.check()).faults(FaultLog.since(start)));

        narrator.scenario("A port where nothing listens");
        ClosedPort closed = ClosedPort.run(lab);
        narrator.say("TCP", "connect(): %s after %s", closed.tcpConnect(), ms(closed.tcpMicros()));
        narrator.say("UDP", "send(): %s; the next receive(): %s", closed.udpSend(), closed.udpReceive());
        run.verdict(closed.check());
    }

    private static String p90(Histogram histogram) {
        return ms(histogram.getValueAtPercentile(90));
    }

    private void reliabilityOnUdp(NetworkLab lab) {
        Instant start = Instant.now();
        narrator.scenario(String.format(
                Locale.ROOT,
                "A small reliability layer on UDP: %,d messages at %s loss, against plain UDP",
                ReliabilityOnUdp.MESSAGES,
                lossRate(ReliabilityOnUdp.LOSS)));
        ReliabilityOnUdp result = ReliabilityOnUdp.run(lab);
        MessageStream plain = result.plain();
        Observation table = Observation.named(
                        "udp-reliability-layer",
                        "What the layer delivered, and what it cost",
                        "over",
                        "delivered",
                        "datagrams sent",
                        "retransmissions of lost ones",
                        "after a late ack",
                        "duplicates dropped",
                        "ack p50",
                        "ack p99",
                        "held for order p50",
                        "held for order p99")
                .row(
                        "plain UDP",
                        count(plain.received()) + "/" + count(plain.sent()),
                        count(plain.sent()),
                        "–",
                        "–",
                        "–",
                        ms(plain.latency().getValueAtPercentile(50)),
                        ms(plain.p99()),
                        "–",
                        "–")
                .row(
                        "sequence numbers, acks, retransmission after "
                                + ms(ReliabilityOnUdp.RETRANSMISSION_TIMEOUT_MICROS),
                        count(result.delivered()) + "/" + count(result.messages()),
                        count(result.datagramsSent()),
                        count(result.retransmissionsOfLost()),
                        count(result.retransmissionsAfterLateAck()),
                        count(result.duplicates()),
                        ms(result.latency().getValueAtPercentile(50)),
                        ms(result.p99()),
                        ms(result.heldBackP50()),
                        ms(result.heldBackP99()));
        run.record(table.verdict(result.check()).faults(FaultLog.since(start)));
    }
}
