package interviewlab.support.clusters;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import interviewlab.support.services.LabContainer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How much memory each node of a cluster uses, as {@code docker stats} shows it: the cgroup's usage less its inactive
 * page cache (file pages the kernel reclaims first), which is what a laptop has to find for it.
 */
public final class ClusterMemory {
    private static final long STATS_TIMEOUT_SECONDS = 10;

    private ClusterMemory() {}

    /** Each node's memory now, in bytes, by service name, in the cluster's order. */
    public static Map<String, Long> byNode(LabCluster cluster) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> bytes.put(node.serviceName(), of(node)));
        return bytes;
    }

    /** The cluster's memory now: the sum over its nodes. */
    public static long total(LabCluster cluster) {
        return byNode(cluster).values().stream().mapToLong(Long::longValue).sum();
    }

    /** One container's memory now, as docker stats computes it (for cgroup v1 and v2). */
    public static long of(LabContainer<?> node) {
        MemoryStatsConfig memory = oneSample(node).getMemoryStats();
        if (memory == null || memory.getUsage() == null) {
            throw new IllegalStateException("the engine reports no memory use for " + node.serviceName());
        }
        StatsConfig stats = memory.getStats();
        long inactiveFile = stats == null
                ? 0
                : Objects.requireNonNullElse(
                        stats.getInactiveFile(), Objects.requireNonNullElse(stats.getTotalInactiveFile(), 0L));
        return Math.max(0, memory.getUsage() - inactiveFile);
    }

    private static Statistics oneSample(LabContainer<?> node) {
        Statistics[] sample = new Statistics[1];
        try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                sample[0] = statistics;
            }
        }) {
            node.getDockerClient()
                    .statsCmd(node.getContainerId())
                    .withNoStream(true)
                    .exec(callback)
                    .awaitCompletion(STATS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (sample[0] == null) {
            throw new IllegalStateException("the engine sent no statistics for " + node.serviceName() + " within "
                    + STATS_TIMEOUT_SECONDS + " s");
        }
        return sample[0];
    }
}
