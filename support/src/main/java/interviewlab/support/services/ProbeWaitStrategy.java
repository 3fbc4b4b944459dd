package interviewlab.support.services;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
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

    /** At startup, a container that has exited will never answer: that fails the start at once, not at the timeout. */
    @Override
    protected void waitUntilReady() {
        try {
            probing(startupTimeout)
                    .failFast(serviceName + " exited before it answered", () -> !waitStrategyTarget.isRunning())
                    .untilAsserted(probe);
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(
                    serviceName + " did not answer within " + startupTimeout.toSeconds() + " s", e);
        } catch (TerminalFailureException e) {
            throw new ContainerLaunchException(e.getMessage(), e);
        }
    }

    void awaitProbe(Duration timeout) {
        try {
            probing(timeout).untilAsserted(probe);
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(serviceName + " did not answer within " + timeout.toSeconds() + " s", e);
        }
    }

    private ConditionFactory probing(Duration timeout) {
        return Awaitility.await(serviceName + " answers")
                .atMost(timeout)
                .pollInterval(POLL_INTERVAL)
                .pollDelay(Duration.ZERO)
                .ignoreExceptions();
    }
}
