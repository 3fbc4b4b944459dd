package interviewlab.dockerlayers;

/** One instruction of a build as the builder reported it: the instruction, and whether it came from the cache. */
public record BuildStep(String instruction, boolean cached) {
    @Override
    public String toString() {
        return (cached ? "CACHED  " : "built   ") + instruction;
    }
}
