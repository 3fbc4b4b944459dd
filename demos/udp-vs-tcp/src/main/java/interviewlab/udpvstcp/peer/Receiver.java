package interviewlab.udpvstcp.peer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The receiving side of every experiment, run in the container whose incoming packets the tests drop. It only
 * reports what arrived; the sender counts, orders and times it. See {@link Ports} for what each port does.
 */
public final class Receiver {
    /**
     * Asked for, so that no datagram is dropped for want of buffer space and the only loss is the injected one; the
     * kernel caps it at net.core.rmem_max (4 MB on the project's machines). The zero-loss controls check it held.
     */
    static final int SOCKET_BUFFER = 8 * 1024 * 1024;
    /** The largest UDP payload over IPv4: 65,535 minus the 20-byte IP header and the 8-byte UDP header. */
    public static final int MAX_UDP_PAYLOAD = 65_507;
    /** What one read() of a TCP connection can return at most. */
    public static final int READ_BUFFER = 64 * 1024;

    public static void main(String[] args) throws IOException {
        // Every socket is bound before "listening" is printed: a datagram sent after that always finds its port.
        DatagramSocket acks = new DatagramSocket(Ports.UDP_ACK);
        DatagramSocket smallBuffer = new DatagramSocket(Ports.UDP_SMALL_BUFFER);
        DatagramSocket reliable = new DatagramSocket(Ports.UDP_RELIABLE);
        DatagramSocket go = new DatagramSocket(Ports.UDP_GO);
        start("udp-ack", () -> acknowledgeDatagrams(acks));
        start("udp-small-buffer", () -> echoWhatEachReceiveReturned(smallBuffer));
        start("udp-reliable", () -> ReliableUdp.receive(reliable));
        try (ServerSocket server = new ServerSocket(Ports.TCP, 50)) {
            System.out.println("listening");
            while (true) {
                Socket connection = server.accept();
                Threads.daemon(() -> serve(connection, go)).start();
            }
        }
    }

    private interface Loop {
        void run() throws IOException;
    }

    private static void start(String name, Loop loop) {
        Thread thread = Threads.daemon(() -> {
            try {
                loop.run();
            } catch (IOException e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
        thread.setName(name);
        thread.start();
    }

    private static void acknowledgeDatagrams(DatagramSocket acks) throws IOException {
        try (DatagramSocket socket = acks) {
            socket.setReceiveBufferSize(SOCKET_BUFFER);
            DatagramPacket packet = new DatagramPacket(new byte[MAX_UDP_PAYLOAD], MAX_UDP_PAYLOAD);
            byte[] ack = new byte[12];
            while (true) {
                packet.setLength(MAX_UDP_PAYLOAD);
                socket.receive(packet);
                ByteBuffer.wrap(ack)
                        .putLong(
                                packet.getLength() >= 8
                                        ? ByteBuffer.wrap(packet.getData()).getLong()
                                        : -1)
                        .putInt(packet.getLength());
                socket.send(new DatagramPacket(ack, ack.length, packet.getSocketAddress()));
            }
        }
    }

    private static void echoWhatEachReceiveReturned(DatagramSocket smallBuffer) throws IOException {
        try (DatagramSocket socket = smallBuffer) {
            DatagramPacket packet = new DatagramPacket(new byte[Ports.SMALL_BUFFER], Ports.SMALL_BUFFER);
            while (true) {
                packet.setLength(Ports.SMALL_BUFFER);
                socket.receive(packet); // a longer datagram is cut to the buffer, silently
                socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            }
        }
    }

    private static void serve(Socket connection, DatagramSocket go) {
        try (connection;
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream()) {
            connection.setTcpNoDelay(true);
            int mode = in.read();
            byte[] buffer = new byte[READ_BUFFER];
            DataOutputStream replies = new DataOutputStream(out);
            switch (mode) {
                case Ports.ECHO -> {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                }
                case Ports.READ_SIZES -> {
                    // Read nothing until the sender says it has written everything: what is in the buffer by then
                    // shows how the kernel keeps bytes, not how fast this thread reads.
                    go.receive(new DatagramPacket(new byte[1], 1));
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        replies.writeInt(n);
                    }
                }
                case Ports.FRAMES -> {
                    DataInputStream frames = new DataInputStream(in);
                    while (true) {
                        int length = frames.readInt();
                        frames.readFully(new byte[length]);
                        replies.writeInt(length);
                    }
                }
                default -> System.err.println("unknown mode " + mode + " on a TCP connection: closing it");
            }
        } catch (IOException e) {
            // the sender closed the connection: that is how every experiment ends
        }
    }
}
