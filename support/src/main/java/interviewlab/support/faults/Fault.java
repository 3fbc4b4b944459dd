package interviewlab.support.faults;

/**
 * A fault that lasts until it is healed: a pause, packet loss, a cut network.
 * Use it in try-with-resources so a failing test still heals it.
 */
@FunctionalInterface
public interface Fault extends AutoCloseable {
    void heal();

    @Override
    default void close() {
        heal();
    }
}
