package interviewlab.dockerlayers;

import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one {@code docker build} did: the image it made (its id, which later builds to the same tag do not
 * change), every step after FROM, cached or built, read from the builder's own output, and how long it took.
 */
public record Build(Builder builder, String imageId, List<BuildStep> steps, Duration took) {
    /** Classic: "Step 2/4 : COPY a /a", then " ---> Using cache" when the step came from the cache. */
    private static final Pattern CLASSIC_STEP = Pattern.compile("^Step \\d+/\\d+ : (.*)$");
    /** BuildKit, plain progress: "#6 [stage 2/4] COPY a /a", then "#6 CACHED" when the step came from the cache. */
    private static final Pattern BUILDKIT_STEP = Pattern.compile("^#(\\d+) \\[(?:[\\w.-]+ )?\\d+/\\d+\\] (.*)$");

    static Build parse(Builder builder, String imageId, String output, Duration took) {
        return new Build(
                builder, imageId, builder == Builder.CLASSIC ? classicSteps(output) : buildKitSteps(output), took);
    }

    /** The step whose instruction starts with this text, for example "RUN mvn". */
    public BuildStep step(String instructionStart) {
        return steps.stream()
                .filter(step -> step.instruction().startsWith(instructionStart))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step \"" + instructionStart + "\" in " + steps));
    }

    /** How long it took: "6.2 s", or "180 ms" under a second. */
    public String time() {
        return took.toMillis() < 1000
                ? took.toMillis() + " ms"
                : String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }

    /** Each step's cache hit or miss, in a few words: "COPY a.txt cached, ADD b.txt built". */
    public String hits() {
        return steps.stream().map(BuildStep::brief).collect(Collectors.joining(", "));
    }

    private static List<BuildStep> classicSteps(String output) {
        List<BuildStep> steps = new ArrayList<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher step = CLASSIC_STEP.matcher(lines[i].strip());
            // FROM, and the label the classic builder adds as a last step for docker build --label, are not the
            // Dockerfile's steps
            if (step.matches()
                    && !step.group(1).startsWith("FROM ")
                    && !step.group(1).startsWith("LABEL " + LabContainer.RUN_LABEL)) {
                boolean cached = i + 1 < lines.length && lines[i + 1].strip().equals("---> Using cache");
                steps.add(new BuildStep(step.group(1), cached));
            }
        }
        return steps;
    }

    private static List<BuildStep> buildKitSteps(String output) {
        Map<String, String> instructions = new LinkedHashMap<>();
        List<String> cached = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher step = BUILDKIT_STEP.matcher(line.strip());
            if (step.matches() && !step.group(2).startsWith("FROM ")) {
                instructions.putIfAbsent(step.group(1), step.group(2));
            } else if (line.strip().matches("^#\\d+ CACHED$")) {
                cached.add(line.strip().split(" ")[0].substring(1));
            }
        }
        List<BuildStep> steps = new ArrayList<>();
        instructions.forEach((id, instruction) -> steps.add(new BuildStep(instruction, cached.contains(id))));
        return steps;
    }
}
