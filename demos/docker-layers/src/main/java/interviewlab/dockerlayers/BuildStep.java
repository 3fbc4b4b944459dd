package interviewlab.dockerlayers;

import java.util.Arrays;
import java.util.stream.Collectors;

/** One instruction of a build as the builder reported it: the instruction, and whether it came from the cache. */
public record BuildStep(String instruction, boolean cached) {
    /** "COPY a.txt cached": the instruction's first two words, and where the step came from. */
    public String brief() {
        return Arrays.stream(instruction.split(" ")).limit(2).collect(Collectors.joining(" "))
                + (cached ? " cached" : " built");
    }

    @Override
    public String toString() {
        return (cached ? "CACHED  " : "built   ") + instruction;
    }
}
