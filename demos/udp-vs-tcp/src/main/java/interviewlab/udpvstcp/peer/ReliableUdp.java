package interviewlab.udpvstcp.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * The smallest reliability layer on UDP: sequence numbers, an acknowledgement per datagram, retransmission after
 * a fixed timeout, a window of datagrams in flight, and a receiver that delivers in order and counts duplicates.
 * What TCP does in the kernel, and QUIC in user space with far better timers. Like TCP it is one ordered stream,
 * so a lost message holds back the delivery of those behind it: the receiver times how long each waited.
 */
public final class ReliableUdp {
    static final int WINDOW = 32;
    public static final long RETRANSMIT_AFTER_NANOS = 20_000_000; // 20 ms, ~100 times the round trip on one host
    private static final byte DATA = 1;
    private static final byte DONE = 2;
    private static final int ACK = 1 + 8 + 8; // type, session, sequence number
    private static final int HEADER = ACK + 4; // and which transmission of the message this is, 1 for its first
    /** Type and session, then what the receiver counted: see {@link Result}. */
    private static final int DONE_ANSWER = 1 + 8 + 5 * 8;
    /** Gives up, rather than hang, if the receiver stops answering altogether. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    /**
     * What happened. The sender counts the datagrams it sent (first sends and retransmissions) and times each
     * message from its first send to its ack. The receiver counts the messages it delivered in order; the
     * retransmissions that replaced a lost datagram (for each message, the number of its first transmission to
     * arrive, less one); the datagrams it had delivered already (retransmissions after a late ack that arrived); and
     * how long each message waited, after it arrived, for those before it (its 50th and 99th percentiles).
     */
    public record Result(
            int messages,
            int datagramsSent,
            int retransmissions,
            long delivered,
            long retransmissionsOfLost,
            long duplicates,
            long heldBackP50Micros,
            long heldBackP99Micros,
            Histogram ackMicros) {}

    private ReliableUdp() {}

    /** Sends {@code messages} messages of {@code size} bytes, each until acknowledged, then asks what the receiver counted. */
    public static Result send(InetSocketAddress receiver, int messages, int size) throws IOException {
        long session = ThreadLocalRandom.current().nextLong();
        long[] firstSent = new long[messages];
        long[] lastSent = new long[messages];
        int[] transmissions = new int[messages];
        BitSet acked = new BitSet(messages);
        Histogram ackMicros = new Histogram(Sender.HIGHEST_MICROS, 3);
        int datagrams = 0;
        int retransmissions = 0;
        try (DatagramChannel channel = DatagramChannel.open();
                Selector ackArrived = Selector.open()) {
            channel.connect(receiver);
            channel.configureBlocking(false);
            channel.register(ackArrived, SelectionKey.OP_READ);
            ByteBuffer payload = ByteBuffer.allocate(Math.max(size, HEADER));
            ByteBuffer reply = ByteBuffer.allocate(DONE_ANSWER);
            int nextNew = 0;
            int lowestUnacked = 0;
            long lastProgress = System.nanoTime();
            while (lowestUnacked < messages) {
                // Every ack that arrived before now is read before any message is judged late: after a stall of this
                // thread its acks are waiting in the socket, and their messages must not be sent again.
                long now = System.nanoTime();
                while (channel.receive(reply.clear()) != null) {
                    int seq = (int) reply.getLong(9);
                    if (!acked.get(seq)) {
                        acked.set(seq);
                        lastProgress = System.nanoTime();
                        ackMicros.recordValue((lastProgress - firstSent[seq]) / 1_000);
                    }
                }
                lowestUnacked = acked.nextClearBit(lowestUnacked);
                if (now - lastProgress > GIVE_UP_NANOS) {
                    throw new IOException("the receiver acknowledged nothing for 60 s");
                }
                for (int seq = lowestUnacked; seq < nextNew; seq++) {
                    if (!acked.get(seq)
                            && now - lastSent[seq] > RETRANSMIT_AFTER_NANOS
                            && transmit(channel, payload, session, seq, transmissions)) {
                        lastSent[seq] = now;
                        datagrams++;
                        retransmissions++;
                    }
                }
                while (nextNew < messages
                        && nextNew - lowestUnacked < WINDOW
                        && transmit(channel, payload, session, nextNew, transmissions)) {
                    firstSent[nextNew] = lastSent[nextNew] = System.nanoTime();
                    datagrams++;
                    nextNew++;
                }
                ackArrived.select(1); // until an ack arrives, or for a millisecond: then look for what is late
                ackArrived.selectedKeys().clear();
            }
            ByteBuffer answer = askWhatWasDelivered(channel, ackArrived, reply, session);
            return new Result(
                    messages,
                    datagrams,
                    retransmissions,
                    answer.getLong(9),
                    answer.getLong(17),
                    answer.getLong(25),
                    answer.getLong(33),
                    answer.getLong(41),
                    ackMicros);
        }
    }

    /**
     * Sends the next transmission of a message, numbered; false, and nothing counted, if the socket's send buffer had
     * no room (the channel does not block), so that it is tried again.
     */
    private static boolean transmit(
            DatagramChannel channel, ByteBuffer payload, long session, int seq, int[] transmissions)
            throws IOException {
        payload.clear().put(0, DATA).putLong(1, session).putLong(9, seq).putInt(17, transmissions[seq] + 1);
        if (channel.write(payload) == 0) {
            return false;
        }
        transmissions[seq]++;
        return true;
    }

    /** DONE, retransmitted like data until answered: the receiver replies with what it counted. */
    private static ByteBuffer askWhatWasDelivered(
            DatagramChannel channel, Selector answerArrived, ByteBuffer reply, long session) throws IOException {
        ByteBuffer done =
                ByteBuffer.allocate(HEADER).put(0, DONE).putLong(1, session).putLong(9, -1);
        long start = System.nanoTime();
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            channel.write(done.clear());
            answerArrived.select(RETRANSMIT_AFTER_NANOS
                    / 1_000_000); // if nothing came, the DONE or its answer was dropped: ask again
            answerArrived.selectedKeys().clear();
            while (channel.receive(reply.clear()) != null) {
                if (reply.get(0) == DONE) {
                    return reply;
                }
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
            long retransmissionsOfLost = 0;
            long duplicates = 0;
            BitSet received = new BitSet();
            Map<Long, Long> arrivedAt = new HashMap<>(); // of the messages received but not yet delivered
            Histogram heldBackMicros = new Histogram(Sender.HIGHEST_MICROS, 3);
            while (true) {
                packet.setLength(Receiver.MAX_UDP_PAYLOAD);
                socket.receive(packet);
                long now = System.nanoTime();
                ByteBuffer datagram = ByteBuffer.wrap(packet.getData());
                byte type = datagram.get(0);
                long sender = datagram.getLong(1);
                long seq = datagram.getLong(9);
                if (sender != session) { // a new experiment
                    session = sender;
                    nextToDeliver = 0;
                    retransmissionsOfLost = 0;
                    duplicates = 0;
                    received.clear();
                    arrivedAt.clear();
                    heldBackMicros.reset();
                }
                if (type == DATA && received.get((int) seq)) {
                    duplicates++; // a retransmission of a message whose ack was late: not delivered again
                } else if (type == DATA) {
                    received.set((int) seq);
                    retransmissionsOfLost += datagram.getInt(17) - 1; // every transmission before this one was lost
                    arrivedAt.put(seq, now);
                    while (received.get((int) nextToDeliver)) { // deliver what is now in order
                        heldBackMicros.recordValue((now - arrivedAt.remove(nextToDeliver)) / 1_000);
                        nextToDeliver++;
                    }
                }
                ByteBuffer reply = type == DONE
                        ? ByteBuffer.allocate(DONE_ANSWER)
                                .put(type)
                                .putLong(session)
                                .putLong(nextToDeliver)
                                .putLong(retransmissionsOfLost)
                                .putLong(duplicates)
                                .putLong(heldBackMicros.getValueAtPercentile(50))
                                .putLong(heldBackMicros.getValueAtPercentile(99))
                        : ByteBuffer.allocate(ACK).put(type).putLong(session).putLong(seq);
                socket.send(new DatagramPacket(reply.array(), reply.capacity(), packet.getSocketAddress()));
            }
        }
    }
}
