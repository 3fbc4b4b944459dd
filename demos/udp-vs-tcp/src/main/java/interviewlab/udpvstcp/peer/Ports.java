package interviewlab.udpvstcp.peer;

/** Where the receiver listens, and what each port does with what arrives. */
public final class Ports {
    /** UDP: answers each datagram with its sequence number and the length that arrived (12 bytes). */
    public static final int UDP_ACK = 7000;
    /** TCP: the first byte of a connection picks the mode: {@link #ECHO}, {@link #READ_SIZES} or {@link #FRAMES}. */
    public static final int TCP = 7001;
    /** UDP: receives into a 100-byte buffer and sends back exactly the bytes each receive() returned. */
    public static final int UDP_SMALL_BUFFER = 7002;
    /** UDP: the receiving side of the small reliability layer ({@link ReliableUdp}). */
    public static final int UDP_RELIABLE = 7003;
    /** UDP: the go-ahead for a TCP connection in {@link #READ_SIZES} mode to start reading. */
    public static final int UDP_GO = 7004;
    /** Nothing listens here, on either protocol. */
    public static final int CLOSED = 7999;

    /** TCP mode: send every byte back as it comes. */
    public static final byte ECHO = 'E';
    /** TCP mode: once a datagram arrives on {@link #UDP_GO}, answer each read() with the number of bytes it returned. */
    public static final byte READ_SIZES = 'R';
    /** TCP mode: read length-prefixed messages, answer each with its length. */
    public static final byte FRAMES = 'F';

    public static final int SMALL_BUFFER = 100;

    private Ports() {}
}
