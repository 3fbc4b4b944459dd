package interviewlab.support.observed;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Where and when a run observed its figures: a figure means little without the machine it was measured on.
 *
 * @param observedAt when the outcome was recorded, UTC, to the minute, as 2026-12-02T05:40Z
 * @param cores the processors the JVM saw
 * @param memoryGib the machine's physical memory
 * @param docker the Docker engine's version
 * @param versions what ran, for example "Redis 8.0.2"
 */
public record Stamp(String observedAt, int cores, double memoryGib, String docker, List<String> versions) {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** This machine, now, running the given versions. */
    public static Stamp now(List<String> versions) {
        long bytes = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new Stamp(
                MINUTE.format(Instant.now()),
                Runtime.getRuntime().availableProcessors(),
                Math.round(bytes / (1024.0 * 1024 * 1024) * 10) / 10.0,
                dockerVersion(),
                List.copyOf(versions));
    }

    /** One line for a doc: "2026-12-02 05:40 UTC, 2 cores, 23.5 GiB, Docker 20.10.24; Redis 8.0.2, RabbitMQ 4.0.5". */
    public String line() {
        return String.format(
                Locale.ROOT,
                "%s UTC, %d cores, %.1f GiB, Docker %s%s",
                observedAt.replace('T', ' ').replace("Z", ""),
                cores,
                memoryGib,
                docker,
                versions.isEmpty() ? "" : "; " + String.join(", ", versions));
    }

    private static String dockerVersion() {
        try {
            return DockerClientFactory.instance().client().versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }
}
