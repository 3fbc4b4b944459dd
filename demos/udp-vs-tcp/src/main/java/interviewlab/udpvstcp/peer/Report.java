package interviewlab.udpvstcp.peer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What an experiment in the sender's container found, as one printed line of {@code key=value} pairs, read back
 * by the test or the demo on the host. Histograms travel in HdrHistogram's own compressed form.
 */
public final class Report {
    private static final String PREFIX = "REPORT ";
    private final Map<String, String> values = new LinkedHashMap<>();

    public Report put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public Report put(String key, Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return put(key, Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));
    }

    public String line() {
        StringBuilder line = new StringBuilder(PREFIX);
        values.forEach(
                (key, value) -> line.append(key).append('=').append(value).append(' '));
        return line.toString().strip();
    }

    /** The report in what the sender printed. */
    public static Report parse(String output) {
        String line = output.lines()
                .filter(l -> l.startsWith(PREFIX))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the sender printed no report:\n" + output));
        Report report = new Report();
        for (String pair : line.substring(PREFIX.length()).split(" ")) {
            int equals = pair.indexOf('=');
            report.values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return report;
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " in the report " + values.keySet());
        }
        return value;
    }

    public long number(String key) {
        return Long.parseLong(text(key));
    }

    public Histogram histogram(String key) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(text(key))), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("the histogram " + key + " did not decode", e);
        }
    }
}
