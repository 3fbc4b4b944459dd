package interviewlab.redisvsrabbitmq;

import interviewlab.redisvsrabbitmq.workers.WorkerClasspath;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LogLines;
import java.time.Duration;
import org.testcontainers.containers.Network;

/** The tests' worker containers: one of the module's worker programs, talking to the brokers by their names on the network. */
final class Workers {
    /** How long a worker may take to print the line a test waits for (a JVM starting in a container included). */
    static final Duration WORKER_STEP = Duration.ofSeconds(30);

    private Workers() {}

    /** A worker container, ready once it has printed "ready"; what it prints goes to {@code output}. */
    static JavaAppService worker(String name, Network network, LogLines output, Class<?> mainClass, String... args) {
        return new JavaAppService(name, mainClass, args)
                .withLibrariesOf(WorkerClasspath.CLIENT_LIBRARIES)
                .withNetwork(network)
                .withLogConsumer(output)
                .withReadinessProbe(() -> {
                    if (!output.lines().contains("ready")) {
                        throw new IllegalStateException(name + " is not ready");
                    }
                });
    }

    /** Waits until the worker prints exactly this line. */
    static void awaitLine(LogLines output, String line) {
        output.await(line::equals, WORKER_STEP);
    }
}
