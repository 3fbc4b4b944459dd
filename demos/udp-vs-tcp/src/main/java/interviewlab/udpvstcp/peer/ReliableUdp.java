package interviewlab.udpvstcp.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * The smallest reliability layer on UDP: sequence numbers, an acknowledgement per datagram, retransmission after
 * a fixed timeout, a window of datagrams in flight, and a receiver that delivers in order and counts duplicates.
 * What TCP does in the kernel, and QUIC in user space with far better timers. Like TCP it is one ordered stream,
 * so a lost message holds back the delivery of those behind it.
 */
public final class ReliableUdp {
    static final int WINDOW = 32;
    public static final long RETRANSMIT_AFTER_NANOS = 20_000_000;   // 20 ms, ~100 times the round trip on one host
    private static final byte DATA = 1;
    private static final byte DONE = 2;
    private static final int HEADER = 1 + 8 + 8;   // type, session, sequence number
    private static final int DONE_ANSWER = HEADER + 8;   // and the duplicates the receiver saw
    /** Gives up, rather than hang, if the receiver stops answering altogether. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    /**
     * What happened: datagrams sent (first sends and retransmissions), each message's time from its first send to
     * its ack, and what the receiver counted: messages delivered in order, and datagrams it had already delivered.
     */
    public record Result(int messages, int datagramsSent, int retransmissions, long delivered, long duplicates, Histogram ackMicros) {
    }

    private ReliableUdp() {
    }

    /** Sends {@code messages} messages of {@code size} bytes, each until acknowledged, then asks how many were delivered. */
    public static Result send(InetSocketAddress receiver, int messages, int size) throws IOException {
        long session = ThreadLocalRandom.current().nextLong();
        long[] firstSent = new long[messages];
        long[] lastSent = new long[messages];
        BitSet acked = new BitSet(messages);
        Histogram ackMicros = new Histogram(Sender.HIGHEST_MICROS, 3);
        int datagrams = 0;
        int retransmissions = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(receiver);
            socket.setSoTimeout(1);
            byte[] payload = new byte[Math.max(size, HEADER)];
            DatagramPacket reply = new DatagramPacket(new byte[HEADER], HEADER);
            int nextNew = 0;
            int lowestUnacked = 0;
            long lastProgress = System.nanoTime();
            while (lowestUnacked < messages) {
                long now = System.nanoTime();
                if (now - lastProgress > GIVE_UP_NANOS) {
                    throw new IOException("the receiver acknowledged nothing for 60 s");
                }
                for (int seq = lowestUnacked; seq < nextNew; seq++) {
                    if (!acked.get(seq) && now - lastSent[seq] > RETRANSMIT_AFTER_NANOS) {
                        sendData(socket, payload, session, seq);
                        lastSent[seq] = now;
                        datagrams++;
                        retransmissions++;
                    }
                }
                while (nextNew < messages && nextNew - lowestUnacked < WINDOW) {
                    sendData(socket, payload, session, nextNew);
                    firstSent[nextNew] = lastSent[nextNew] = System.nanoTime();
                    datagrams++;
                    nextNew++;
                }
                try {
                    socket.receive(reply);
                    int seq = (int) ByteBuffer.wrap(reply.getData()).getLong(9);
                    if (!acked.get(seq)) {
                        acked.set(seq);
                        lastProgress = System.nanoTime();
                        ackMicros.recordValue((System.nanoTime() - firstSent[seq]) / 1_000);
                    }
                    lowestUnacked = acked.nextClearBit(lowestUnacked);
                } catch (SocketTimeoutException nothingYet) {
                    // time to look for datagrams to retransmit
                }
            }
            ByteBuffer answer = askWhatWasDelivered(socket, session);
            return new Result(messages, datagrams, retransmissions, answer.getLong(9), answer.getLong(17), ackMicros);
        }
    }

    private static void sendData(DatagramSocket socket, byte[] payload, long session, long seq) throws IOException {
        ByteBuffer.wrap(payload).put(DATA).putLong(session).putLong(seq);
        socket.send(new DatagramPacket(payload, payload.length));
    }

    /** DONE, retransmitted like data until answered: the receiver replies with what it delivered and its duplicates. */
    private static ByteBuffer askWhatWasDelivered(DatagramSocket socket, long session) throws IOException {
        byte[] done = ByteBuffer.allocate(HEADER).put(DONE).putLong(session).putLong(-1).array();
        socket.setSoTimeout((int) (RETRANSMIT_AFTER_NANOS / 1_000_000));
        DatagramPacket reply = new DatagramPacket(new byte[DONE_ANSWER], DONE_ANSWER);
        long start = System.nanoTime();
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            socket.send(new DatagramPacket(done, done.length));
            try {
                socket.receive(reply);
                ByteBuffer answer = ByteBuffer.wrap(reply.getData());
                if (answer.get(0) == DONE) {
                    return answer;
                }
            } catch (SocketTimeoutException lost) {
                // the DONE or its answer was dropped: ask again
            }
        }
        throw new IOException("the receiver did not answer DONE for 60 s");
    }

    /** The receiving side: acknowledges every datagram, delivers each message once and in order. Runs forever. */
    static void receive(DatagramSocket reliable) throws IOException {
        try (DatagramSocket socket = reliable) {
            socket.setReceiveBufferSize(Receiver.SOCKET_BUFFER);
            DatagramPacket packet = new DatagramPacket(new byte[Receiver.MAX_UDP_PAYLOAD], Receiver.MAX_UDP_PAYLOAD);
            long session = 0;
            long nextToDeliver = 0;
            long duplicates = 0;
            BitSet received = new BitSet();
            while (true) {
                packet.setLength(Receiver.MAX_UDP_PAYLOAD);
                socket.receive(packet);
                ByteBuffer datagram = ByteBuffer.wrap(packet.getData());
                byte type = datagram.get(0);
                long sender = datagram.getLong(1);
                long seq = datagram.getLong(9);
                if (sender != session) {   // a new experiment
                    session = sender;
                    nextToDeliver = 0;
                    duplicates = 0;
                    received.clear();
                }
                if (type == DATA && received.get((int) seq)) {
                    duplicates++;   // a retransmission of a message whose ack was late: not delivered again
                } else if (type == DATA) {
                    received.set((int) seq);
                    while (received.get((int) nextToDeliver)) {   // deliver what is now in order
                        nextToDeliver++;
                    }
                }
                long answer = type == DONE ? nextToDeliver : seq;
                byte[] reply = ByteBuffer.allocate(DONE_ANSWER).put(type).putLong(session).putLong(answer).putLong(duplicates).array();
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            }
        }
    }
}
