package interviewlab.dockerlayers;

/** The two builders behind {@code docker build}: the classic one, and BuildKit, the default since Docker 23. */
public enum Builder {
    CLASSIC("classic builder"),
    BUILDKIT("BuildKit");

    private final String label;

    Builder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
