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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
            case "fragments" -> fragments(host, intArg(args, 2), Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray());
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
            Thread acks = Threads.daemon(() -> {
                DatagramPacket ack = new DatagramPacket(new byte[12], 12);
                long highest = -1;
                try {
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
                } catch (IOException e) {
                    e.printStackTrace();   // an ICMP error or a closed socket: the acks counted so far are reported
                }
            });
            byte[] payload = new byte[Math.max(size, 8)];
            acks.start();
            for (int seq = 0; seq < messages; seq++) {
                pace(due[seq]);
                ByteBuffer.wrap(payload).putLong(seq);
                try {
                    socket.send(new DatagramPacket(payload, payload.length));
                } catch (IOException e) {
                    sendErrors++;
                }
            }
            acks.join();
        }
        return new Report().put("sent", messages).put("sendErrors", sendErrors).put("received", acked.get())
                .put("reordered", reordered.get()).put("latency", roundTrip);
    }

    /** The same stream over one TCP connection, echoed back; the received bytes are checked message by message. */
    static Report tcpStream(String host, int messages, int size, int intervalMicros) throws Exception {
        long[] due = new long[messages];
        Histogram roundTrip = new Histogram(HIGHEST_MICROS, 3);
        int frame = Math.max(size, 8);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        try (Socket socket = new Socket(host, Ports.TCP)) {
            socket.setTcpNoDelay(true);   // each message its own segment, as a real-time sender would
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(Ports.ECHO);
            Thread echoes = Threads.daemon(() -> {
                byte[] message = new byte[frame];
                try {
                    for (int expected = 0; expected < messages; expected++) {
                        in.readFully(message);
                        long seq = ByteBuffer.wrap(message).getLong();
                        roundTrip.recordValue(Math.max(0, (System.nanoTime() - due[(int) seq]) / 1_000));
                        if (seq != expected) {
                            outOfOrder.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            schedule(due, intervalMicros);
            echoes.start();
            byte[] payload = new byte[frame];
            for (int seq = 0; seq < messages; seq++) {
                pace(due[seq]);
                ByteBuffer.wrap(payload).putLong(seq);
                out.write(payload);
            }
            echoes.join();
        }
        return new Report().put("sent", messages).put("received", received.get()).put("outOfOrder", outOfOrder.get())
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
                out.write(new byte[size]);   // one write() per message, each sent at once (TCP_NODELAY)
            }
            try (DatagramSocket go = new DatagramSocket()) {   // then tell the receiver to start reading
                go.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(host, Ports.UDP_GO)));
            }
        });
        List<Integer> frames = tcpReplies(host, Ports.FRAMES, out -> {
            DataOutputStream framed = new DataOutputStream(out);
            for (int size : MESSAGE_SIZES) {
                // snippet:length-prefix
                framed.writeInt(size);        // the length first, then the message: the reader knows where it ends
                framed.write(new byte[size]);
                // end-snippet
            }
        });
        return new Report().put("written", join(Arrays.stream(MESSAGE_SIZES).boxed().toList())).put("udpReceives", join(datagrams))
                .put("tcpReads", join(reads)).put("framedReads", join(frames));
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

    /** The largest datagram, one byte more, and a datagram longer than the receiver's buffer. */
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
                report.put("oneMore", e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage()).replace(' ', '_'));
            }
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, Ports.UDP_SMALL_BUFFER));
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(new byte[1_000], 1_000));
            DatagramPacket reply = new DatagramPacket(new byte[4], 4);
            socket.receive(reply);
            report.put("sentToSmallBuffer", 1_000).put("receivedInSmallBuffer", ByteBuffer.wrap(reply.getData()).getInt());
        }
        return report;
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
     * Time to the first answer from a new peer: TCP's connect, write and read, against UDP's send and receive; and
     * TCP's connect() alone, the handshake: SYN out, SYN-ACK back, before any data can go.
     */
    static Report firstByte(String host, int trials) throws Exception {
        Histogram tcp = new Histogram(HIGHEST_MICROS, 3);
        Histogram handshake = new Histogram(HIGHEST_MICROS, 3);
        Histogram udp = new Histogram(HIGHEST_MICROS, 3);
        byte[] message = new byte[16];
        InetSocketAddress tcpPeer = new InetSocketAddress(host, Ports.TCP);
        for (int i = 0; i < trials; i++) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(tcpPeer);
                handshake.recordValue((System.nanoTime() - start) / 1_000);
                socket.setTcpNoDelay(true);
                socket.getOutputStream().write(Ports.ECHO);
                socket.getOutputStream().write(message);
                new DataInputStream(socket.getInputStream()).readFully(message);
            }
            tcp.recordValue((System.nanoTime() - start) / 1_000);

            start = System.nanoTime();
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(5_000);
                socket.send(new DatagramPacket(message, message.length, new InetSocketAddress(host, Ports.UDP_ACK)));
                socket.receive(new DatagramPacket(new byte[12], 12));
            }
            udp.recordValue((System.nanoTime() - start) / 1_000);
        }
        return new Report().put("trials", trials).put("tcp", tcp).put("handshake", handshake).put("udp", udp);
    }

    /** Where nothing listens: TCP's connect is refused at once; UDP's send succeeds, and only a later receive learns. */
    static Report closedPort(String host) throws Exception {
        Report report = new Report();
        InetAddress address = InetAddress.getByName(host);   // resolved first: only the connect is timed
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
                report.put("udpReceive", "an answer");
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
        return new Report().put("messages", result.messages()).put("datagramsSent", result.datagramsSent())
                .put("retransmissions", result.retransmissions()).put("delivered", result.delivered())
                .put("duplicates", result.duplicates()).put("latency", result.ackMicros());
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
