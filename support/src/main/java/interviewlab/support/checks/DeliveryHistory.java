package interviewlab.support.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * What a workload recorded: every message id the producers sent and every id the consumers received, in order.
 * Thread-safe, so producers and consumers record from their own threads. {@link #check()} judges it afterwards.
 */
public final class DeliveryHistory {
    private final List<Long> sent = new ArrayList<>();
    private final List<Long> received = new ArrayList<>();

    public synchronized void sent(long id) {
        sent.add(id);
    }

    public synchronized void received(long id) {
        received.add(id);
    }

    /** The checker: what was lost, what came twice, what came out of order. */
    public synchronized DeliveryVerdict check() {
        return DeliveryVerdict.of(List.copyOf(sent), List.copyOf(received));
    }
}
