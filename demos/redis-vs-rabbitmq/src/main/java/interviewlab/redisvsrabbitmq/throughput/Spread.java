package interviewlab.redisvsrabbitmq.throughput;

import java.util.List;
import java.util.Locale;

/** The median and the range of a set of trials' rates. */
public record Spread(double median, double min, double max) {

    public static Spread of(List<Double> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one trial");
        }
        List<Double> sorted = rates.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** Whether every trial of this one was slower than every trial of the other. */
    public boolean entirelyBelow(Spread other) {
        return max < other.min;
    }

    /** "412,000 (398,000–431,000)" */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", median, min, max);
    }
}
