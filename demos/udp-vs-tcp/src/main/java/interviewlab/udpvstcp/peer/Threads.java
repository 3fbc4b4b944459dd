package interviewlab.udpvstcp.peer;

/** Threads for the peers' background work, which must not keep a finished program alive. */
final class Threads {
    private Threads() {
    }

    static Thread daemon(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        return thread;
    }
}
