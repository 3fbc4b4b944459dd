package interviewlab.support.checks;

import interviewlab.support.services.ShellService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loss measured, not assumed: ping a host many times from inside another container and count the replies.
 *
 * @param transmitted echo requests sent
 * @param received echo replies received
 */
public record PacketLoss(int transmitted, int received) {
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    /** Pings {@code host} {@code count} times, 5 ms apart, from the prober container. */
    public static PacketLoss measure(ShellService prober, String host, int count) {
        return measure(prober, host, count, 56);
    }

    /** The same with {@code payloadBytes} of data per ping: over 1,472 bytes, each request travels as IP fragments. */
    public static PacketLoss measure(ShellService prober, String host, int count, int payloadBytes) {
        // ping exits 1 when a reply is missing; the summary line is what counts
        String output = prober.run(
                "sh", "-c", "ping -q -n -c " + count + " -s " + payloadBytes + " -i 0.005 -W 1 " + host + " || true");
        Matcher summary = PING_SUMMARY.matcher(output);
        if (!summary.find()) {
            throw new IllegalStateException("ping printed no summary: " + output);
        }
        return new PacketLoss(Integer.parseInt(summary.group(1)), Integer.parseInt(summary.group(2)));
    }

    /** The share of requests that got no reply, from 0 to 1. */
    public double rate() {
        return 1.0 - (double) received / transmitted;
    }
}
