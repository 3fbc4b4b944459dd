package interviewlab.dockerlayers;

import interviewlab.support.observed.Verdict;
import interviewlab.support.services.LabImages;
import java.util.List;
import java.util.Locale;

/**
 * The sample app built in one stage on the Maven image, and in two: built there, then copied onto the JRE image.
 * MultiStageTest proves DL-13 with it, and the demo shows it.
 */
public final class Stages {
    private static final String TOOLS = "command -v mvn javac || echo none";

    private Stages() {}

    /** One image: its size, its layers, what it printed when run, and which of mvn and javac it has ("none" for neither). */
    public record Image(String name, long bytes, List<String> layers, String output, String tools) {
        public boolean hasBuildTools() {
            return !tools.equals("none");
        }

        public String megabytes() {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
    }

    public record Result(Image single, Image multi, List<String> jreLayers, List<String> mavenLayers) {
        /** The Maven image's layers above the JRE image's: the build stage's own, which the final image must not have. */
        public List<String> buildStageOnlyLayers() {
            return mavenLayers.subList(jreLayers.size(), mavenLayers.size());
        }

        public boolean bothRunTheApp() {
            return single.output().contains("Hello, interviewer!")
                    && multi.output().contains("Hello, interviewer!");
        }

        /** The JRE image's layers and the two COPY layers, nothing of the build stage. */
        public boolean lastStageOnly() {
            return multi.layers().size() == jreLayers.size() + 2
                    && multi.layers().subList(0, jreLayers.size()).equals(jreLayers)
                    && multi.layers().stream().noneMatch(buildStageOnlyLayers()::contains);
        }

        public Verdict check() {
            boolean holds =
                    bothRunTheApp() && lastStageOnly() && !multi.hasBuildTools() && multi.bytes() < single.bytes();
            return Verdict.holdsIf(
                    holds,
                    "DL-13",
                    String.format(
                            Locale.ROOT,
                            "the multi-stage image is the JRE image's %d layers and 2 COPY layers, none of the build stage's, "
                                    + "with no mvn or javac: %s against the single stage's %s in %d layers; both run the app",
                            jreLayers.size(),
                            multi.megabytes(),
                            single.megabytes(),
                            single.layers().size()),
                    String.format(
                            Locale.ROOT,
                            "the multi-stage image has %d layers (the JRE image %d, last stage only: %s), build tools: %s, "
                                    + "%s against the single stage's %s; both run the app: %s",
                            multi.layers().size(),
                            jreLayers.size(),
                            lastStageOnly(),
                            multi.tools(),
                            multi.megabytes(),
                            single.megabytes(),
                            bothRunTheApp()));
        }
    }

    public static Result build() {
        return new Result(
                image("single stage", "single-stage", Dockerfiles.SINGLE_STAGE),
                image("multi-stage", "multi-stage", Dockerfiles.MULTI_STAGE),
                Docker.layers(LabImages.JRE.imageName()),
                Docker.layers(LabImages.MAVEN.imageName()));
    }

    private static Image image(String name, String contextName, String dockerfile) {
        try (BuildContext context = SampleApp.context(contextName, dockerfile)) {
            String id = context.build(Builder.BUILDKIT).imageId();
            return new Image(
                    name,
                    Long.parseLong(Docker.inspect(id, "{{.Size}}")),
                    Docker.layers(id),
                    Docker.runIn(id),
                    Docker.runIn(id, "sh", "-c", TOOLS).strip());
        }
    }
}
