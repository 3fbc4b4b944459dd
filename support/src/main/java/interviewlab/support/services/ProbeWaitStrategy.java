package interviewlab.support.services;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready means a real client did real work: the probe (a PING, an AMQP channel, a Kafka metadata call)
 * is retried until it succeeds, or the startup timeout runs out. No port check, no log line, no sleep.
 */
final class ProbeWaitStrategy extends AbstractWaitStrategy {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String serviceName;
    private final ThrowingRunnable probe;

    ProbeWaitStrategy(String serviceName, ThrowingRunnable probe) {
        this.serviceName = serviceName;
        this.probe = probe;
    }

    @Override
    protected void waitUntilReady() {
        awaitProbe(startupTimeout);
    }

    void awaitProbe(Duration timeout) {
        try {
            Awaitility.await(serviceName + " answers")
                    .atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .pollDelay(Duration.ZERO)
                    .ignoreExceptions()
                    .untilAsserted(probe);
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(serviceName + " did not answer within " + timeout.toSeconds() + " s", e);
        }
    }
}
