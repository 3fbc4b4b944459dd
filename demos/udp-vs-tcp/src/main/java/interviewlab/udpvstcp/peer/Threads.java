package interviewlab.udpvstcp.peer;

import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** Threads for the peers' background work, which must not keep a finished program alive. */
final class Threads {
    private Threads() {}

    /** Work that may fail; its failure belongs to whoever waits for it. */
    interface Work {
        void run() throws Exception;
    }

    static Thread daemon(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Starts the work on a daemon thread. {@code get()} on the result waits for it and throws what it threw, so an
     * experiment whose reader failed ends in that failure instead of reporting the messages counted so far.
     */
    static Future<?> inBackground(Work work) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            work.run();
            return null;
        });
        daemon(task).start();
        return task;
    }
}
