package interviewlab.support.faults;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault that lasts until it is healed: a pause, packet loss, a cut network.
 * Use it in try-with-resources so a failing test still heals it.
 */
public interface Fault extends AutoCloseable {
    /** Ends the fault. Healing an already healed fault does nothing. */
    void heal();

    @Override
    default void close() {
        heal();
    }

    /** A fault healed by running {@code healing} once, however often heal() is called. */
    static Fault healedBy(Runnable healing) {
        AtomicBoolean healed = new AtomicBoolean();
        return () -> {
            if (healed.compareAndSet(false, true)) {
                healing.run();
            }
        };
    }
}
