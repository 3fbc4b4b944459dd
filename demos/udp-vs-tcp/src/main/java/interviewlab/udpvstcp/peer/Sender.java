package interviewlab.udpvstcp.peer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The sending side of every experiment, run in its own container and started once per experiment:
 * {@code Sender <experiment> <receiver-host> [arguments]}. Each prints one {@link Report} line and exits.
 * With {@code idle} it only waits, so experiments can be started in its container.
 */
public final class Sender {
    /** The receiver answers within a millisecond: an answer not back this long after the last message was due is lost. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    static final long HIGHEST_MICROS = 60_000_000L;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("idle")) {
            System.out.println("ready");
            Thread.currentThread().join();
        }
        if (args.length < 2) {
            usage();
        }
        String host = args[1];
        Report report = switch (args[0]) {
            case "udp-stream" -> udpStream(host, intArg(args, 2), intArg(args, 3), intArg(args, 4));
            case "tcp-stream" -> tcpStream(host, intArg(args, 2), intArg(args, 3), intArg(args, 4));
            case "boundaries" -> boundaries(host);
            case "sizes" -> sizes(host);
            case "fragments" ->
                fragments(
                        host,
                        intArg(args, 2),
                        Arrays.stream(args, 3, args.length)
                                .mapToInt(Integer::parseInt)
                                .toArray());
            case "first-byte" -> firstByte(host, intArg(args, 2));
            case "closed-port" -> closedPort(host);
            case "reliable-udp" -> reliable(host, intArg(args, 2), intArg(args, 3));
            default -> usage();
        };
        System.out.println(report.line());
    }

    private static Report usage() {
        System.err.println("usage: Sender idle | <udp-stream|tcp-stream> <host> <messages> <size> <interval-µs>"
                + " | <boundaries|sizes|closed-port> <host> | fragments <host> <per-size> <size>... | first-byte <host> <trials>"
                + " | reliable-udp <host> <messages> <size>");
        System.exit(2);
        return null;
    }

    private static int intArg(String[] args, int index) {
        if (index >= args.length) {
            usage();
        }
        return Integer.parseInt(args[index]);
    }

    /**
     * {@code messages} datagrams of {@code size} bytes, one every {@code intervalMicros}, each numbered; the receiver
     * acknowledges each that arrives. Times are from when a datagram was due, so a late send counts as latency.
     */
    static Report udpStream(String host, int messages, int size, int intervalMicros) throws Exception {
        long[] due = new long[messages];
        Histogram roundTrip = new Histogram(HIGHEST_MICROS, 3);
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger reordered = new AtomicInteger();
        int sendErrors = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, Ports.UDP_ACK));
            socket.setSoTimeout(50);
            schedule(due, intervalMicros);
            long giveUpAt = due[messages - 1] + QUIET_NANOS;
            // Any error but a quiet moment (an ICMP error, a closed socket) ends the experiment in that error.
            Future<?> acks = Threads.inBackground(() -> {
                DatagramPacket ack = new DatagramPacket(new byte[12], 12);
                long highest = -1;
                while (acked.get() < messages && System.nanoTime() < giveUpAt) {
                    try {
                        socket.receive(ack);
                    } catch (SocketTimeoutException nothingYet) {
                        continue;
                    }
                    long seq = ByteBuffer.wrap(ack.getData()).getLong();
                    roundTrip.recordValue(Math.max(0, (System.nanoTime() - due[(int) seq]) / 1_000));
                    acked.incrementAndGet();
                    if (seq < highest) {
                        reordered.incrementAndGet();
                    }
                    highest = Math.max(highest, seq);
                }
            });
            byte[] payload = new byte[Math.max(size, 8)];
            for (int seq = 0; seq < messages; seq++) {
                pace(due[seq]);
                ByteBuffer.wrap(payload).putLong(seq);
                try {
                    socket.send(new DatagramPacket(payload, payload.length));
                } catch (IOException e) {
                    sendErrors++; // counted, not hidden: UDP-1 asserts there are none
                }
            }
            acks.get();
        }
        return new Report()
                .put("sent", messages)
                .put("sendErrors", sendErrors)
                .put("received", acked.get())
                .put("reordered", reordered.get())
                .put("latency", roundTrip);
    }

    /** The same stream over one TCP connection, echoed back; the received bytes are checked message by message. */
    static Report tcpStream(String host, int messages, int size, int intervalMicros) throws Exception {
        long[] due = new long[messages];
        Histogram roundTrip = new Histogram(HIGHEST_MICROS, 3);
        int frame = Math.max(size, 8);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        try (Socket socket = new Socket(host, Ports.TCP)) {
            socket.setTcpNoDelay(true); // each message its own segment, as a real-time sender would
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(Ports.ECHO);
            schedule(due, intervalMicros);
            // A read that fails or times out ends the experiment in that error, not in a short count.
            Future<?> echoes = Threads.inBackground(() -> {
                byte[] message = new byte[frame];
                for (int expected = 0; expected < messages; expected++) {
                    in.readFully(message);
                    long seq = ByteBuffer.wrap(message).getLong();
                    roundTrip.recordValue(Math.max(0, (System.nanoTime() - due[(int) seq]) / 1_000));
                    if (seq != expected) {
                        outOfOrder.incrementAndGet();
                    }
                    received.incrementAndGet();
                }
            });
            byte[] payload = new byte[frame];
            for (int seq = 0; seq < messages; seq++) {
                pace(due[seq]);
                ByteBuffer.wrap(payload).putLong(seq);
                out.write(payload);
            }
            echoes.get();
        }
        return new Report()
                .put("sent", messages)
                .put("received", received.get())
                .put("outOfOrder", outOfOrder.get())
                .put("latency", roundTrip);
    }

    private static final int[] MESSAGE_SIZES = {8, 200, 3_000, 50, 1_400, 16, 100_000};

    /** The same messages as datagrams, as TCP writes, and as length-prefixed TCP messages: what the receiver's reads return. */
    static Report boundaries(String host) throws Exception {
        List<Integer> datagrams = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, Ports.UDP_ACK));
            socket.setSoTimeout(5_000);
            DatagramPacket ack = new DatagramPacket(new byte[12], 12);
            for (int size : MESSAGE_SIZES) {
                if (size <= Receiver.MAX_UDP_PAYLOAD) {
                    socket.send(new DatagramPacket(new byte[size], size));
                    socket.receive(ack);
                    datagrams.add(ByteBuffer.wrap(ack.getData()).getInt(8));
                }
            }
        }
        List<Integer> reads = tcpReplies(host, Ports.READ_SIZES, out -> {
            for (int size : MESSAGE_SIZES) {
                out.write(new byte[size]); // one write() per message, each sent at once (TCP_NODELAY)
            }
            try (DatagramSocket go = new DatagramSocket()) { // then tell the receiver to start reading
                go.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(host, Ports.UDP_GO)));
            }
        });
        List<Integer> frames = tcpReplies(host, Ports.FRAMES, out -> {
            DataOutputStream framed = new DataOutputStream(out);
            for (int size : MESSAGE_SIZES) {
                // snippet:length-prefix
                framed.writeInt(size); // the length first, then the message: the reader knows where it ends
                framed.write(new byte[size]);
                // end-snippet
            }
        });
        return new Report()
                .put("written", join(Arrays.stream(MESSAGE_SIZES).boxed().toList()))
                .put("udpReceives", join(datagrams))
                .put("tcpReads", join(reads))
                .put("framedReads", join(frames));
    }

    private interface Writes {
        void to(OutputStream out) throws IOException;
    }

    /** Opens a TCP connection in the mode, writes, half-closes, and collects the receiver's int replies until it closes. */
    private static List<Integer> tcpReplies(String host, byte mode, Writes writes) throws IOException {
        List<Integer> replies = new ArrayList<>();
        try (Socket socket = new Socket(host, Ports.TCP)) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(mode);
            writes.to(out);
            out.flush();
            socket.shutdownOutput();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            try {
                while (true) {
                    replies.add(in.readInt());
                }
            } catch (EOFException end) {
                return replies;
            }
        }
    }

    /** The lengths sent to the receiver's 100-byte buffer: one that does not fit, then one that does. */
    public static final int TOO_LONG = 1_000;

    public static final int NEXT = 50;

    /** Datagram {@code number}'s bytes: each datagram's differ from every other's at every offset that both have. */
    public static byte[] datagram(int number, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (number * 64 + i);
        }
        return bytes;
    }

    /**
     * The largest datagram and one byte more; then a datagram longer than the receiver's buffer, followed by a short
     * one: the receiver sends back exactly the bytes each of its receive() calls returned.
     */
    static Report sizes(String host) throws Exception {
        Report report = new Report();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, Ports.UDP_ACK));
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(new byte[Receiver.MAX_UDP_PAYLOAD], Receiver.MAX_UDP_PAYLOAD));
            DatagramPacket ack = new DatagramPacket(new byte[12], 12);
            socket.receive(ack);
            report.put("largestArrived", ByteBuffer.wrap(ack.getData()).getInt(8));
            try {
                socket.send(new DatagramPacket(new byte[Receiver.MAX_UDP_PAYLOAD + 1], Receiver.MAX_UDP_PAYLOAD + 1));
                report.put("oneMore", "sent");
            } catch (IOException e) {
                report.put(
                        "oneMore",
                        e.getClass().getSimpleName() + ":"
                                + String.valueOf(e.getMessage()).replace(' ', '_'));
            }
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, Ports.UDP_SMALL_BUFFER));
            socket.setSoTimeout(5_000);
            report.put("tooLongReceived", HexFormat.of().formatHex(echoOf(socket, datagram(1, TOO_LONG))));
            report.put("nextReceived", HexFormat.of().formatHex(echoOf(socket, datagram(2, NEXT))));
        }
        return report;
    }

    /** Sends the datagram and returns the bytes the receiver says its receive() gave it. */
    private static byte[] echoOf(DatagramSocket socket, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length));
        DatagramPacket echo = new DatagramPacket(new byte[Receiver.MAX_UDP_PAYLOAD], Receiver.MAX_UDP_PAYLOAD);
        socket.receive(echo);
        return Arrays.copyOf(echo.getData(), echo.getLength());
    }

    /** {@code perSize} datagrams of each size, 2 ms apart; how many arrived of each. */
    static Report fragments(String host, int perSize, int[] sizes) throws Exception {
        Report report = new Report();
        for (int size : sizes) {
            Report stream = udpStream(host, perSize, size, 2_000);
            report.put("received_" + size, stream.number("received"));
        }
        return report.put("sent", perSize);
    }

    /**
     * Time to the first answer from a new peer: TCP's connect, write and read, against UDP's send and receive; each
     * protocol's connect() alone (TCP's sends SYN and waits for the SYN-ACK; UDP's only records the peer's address);
     * and, as the yardstick for a round trip, pings, which the peer's kernel answers as it answers a SYN.
     */
    static Report firstByte(String host, int trials) throws Exception {
        Histogram tcp = new Histogram(HIGHEST_MICROS, 3);
        Histogram tcpConnect = new Histogram(HIGHEST_MICROS, 3);
        Histogram udp = new Histogram(HIGHEST_MICROS, 3);
        Histogram udpConnect = new Histogram(HIGHEST_MICROS, 3);
        byte[] message = new byte[16];
        InetAddress address = InetAddress.getByName(host); // resolved first: only the protocols are timed
        InetSocketAddress tcpPeer = new InetSocketAddress(address, Ports.TCP);
        InetSocketAddress udpPeer = new InetSocketAddress(address, Ports.UDP_ACK);
        Histogram ping = pingRoundTrips(address, trials);
        for (int i = 0; i < trials; i++) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                long connecting = System.nanoTime();
                socket.connect(tcpPeer);
                tcpConnect.recordValue((System.nanoTime() - connecting) / 1_000);
                socket.setTcpNoDelay(true);
                socket.getOutputStream().write(Ports.ECHO);
                socket.getOutputStream().write(message);
                new DataInputStream(socket.getInputStream()).readFully(message);
            }
            tcp.recordValue((System.nanoTime() - start) / 1_000);

            start = System.nanoTime();
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(5_000);
                long connecting = System.nanoTime();
                socket.connect(udpPeer);
                udpConnect.recordValue((System.nanoTime() - connecting) / 1_000);
                socket.send(new DatagramPacket(message, message.length));
                socket.receive(new DatagramPacket(new byte[12], 12));
            }
            udp.recordValue((System.nanoTime() - start) / 1_000);
        }
        return new Report()
                .put("trials", trials)
                .put("tcp", tcp)
                .put("tcpConnect", tcpConnect)
                .put("udp", udp)
                .put("udpConnect", udpConnect)
                .put("ping", ping);
    }

    /** ICMP echo round trips to the peer, as ping measures them (its reply time is the kernel's receive stamp). */
    private static Histogram pingRoundTrips(InetAddress peer, int count) throws IOException, InterruptedException {
        Process ping = new ProcessBuilder(
                        "ping", "-n", "-c", String.valueOf(count), "-i", "0.005", peer.getHostAddress())
                .redirectErrorStream(true)
                .start();
        String output = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ping.waitFor() != 0) {
            throw new IOException("ping exited " + ping.exitValue() + ":\n" + output);
        }
        Histogram roundTrips = new Histogram(HIGHEST_MICROS, 3);
        Matcher reply = Pattern.compile("time=([0-9.]+) ms").matcher(output);
        while (reply.find()) {
            roundTrips.recordValue(Math.round(Double.parseDouble(reply.group(1)) * 1_000));
        }
        if (roundTrips.getTotalCount() != count) {
            throw new IOException(
                    "expected " + count + " ping replies, read " + roundTrips.getTotalCount() + ":\n" + output);
        }
        return roundTrips;
    }

    /**
     * Where nothing listens: TCP's connect is refused at once; UDP's send returns as if all were well, and a later
     * receive on the connected socket gets no answer: a PortUnreachableException if the ICMP error was passed on, or
     * nothing until its timeout.
     */
    static Report closedPort(String host) throws Exception {
        Report report = new Report();
        InetAddress address = InetAddress.getByName(host); // resolved first: only the connect is timed
        long start = System.nanoTime();
        try (Socket socket = new Socket(address, Ports.CLOSED)) {
            report.put("tcpConnect", "connected");
        } catch (IOException e) {
            report.put("tcpConnect", e.getClass().getSimpleName());
        }
        report.put("tcpMicros", (System.nanoTime() - start) / 1_000);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(address, Ports.CLOSED));
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(new byte[16], 16));
            report.put("udpSend", "returned");
            try {
                socket.receive(new DatagramPacket(new byte[16], 16));
                report.put("udpReceive", "an_answer");
            } catch (SocketTimeoutException e) {
                report.put("udpReceive", "nothing");
            } catch (IOException e) {
                report.put("udpReceive", e.getClass().getSimpleName());
            }
        }
        return report;
    }

    static Report reliable(String host, int messages, int size) throws Exception {
        ReliableUdp.Result result = ReliableUdp.send(new InetSocketAddress(host, Ports.UDP_RELIABLE), messages, size);
        return new Report()
                .put("messages", result.messages())
                .put("datagramsSent", result.datagramsSent())
                .put("retransmissions", result.retransmissions())
                .put("delivered", result.delivered())
                .put("retransmissionsOfLost", result.retransmissionsOfLost())
                .put("duplicates", result.duplicates())
                .put("heldBackP50", result.heldBackP50Micros())
                .put("heldBackP99", result.heldBackP99Micros())
                .put("latency", result.ackMicros());
    }

    /** Sets when each message is due: one every {@code intervalMicros}, the first a millisecond from now. */
    private static void schedule(long[] due, int intervalMicros) {
        long start = System.nanoTime() + 1_000_000;
        for (int seq = 0; seq < due.length; seq++) {
            due[seq] = start + (long) seq * intervalMicros * 1_000;
        }
    }

    /** Waits, spinning briefly, until the moment a message is due: pacing, so the stream has a steady rate. */
    private static void pace(long dueNanos) {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 100_000));
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
