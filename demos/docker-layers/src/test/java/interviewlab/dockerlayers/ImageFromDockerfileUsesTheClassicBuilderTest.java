package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.LabContainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Testcontainers' {@link ImageFromDockerfile}, as a test that builds its own image uses it: it sends the context
 * to the engine's /build API through docker-java, and what the engine makes of it shows which builder ran.
 * Each story has its control: the same Dockerfile built with {@code docker build} and BuildKit.
 */
class ImageFromDockerfileUsesTheClassicBuilderTest {
    /** What the classic builder answers to a BuildKit-only flag (moby 20.10.24, as the CLI's classic builder prints it too). */
    private static final String NEEDS_BUILDKIT = "the --mount option requires BuildKit";

    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @Test
    @Claim("DL-15")
    void aDockerfileThatNeedsBuildKitFailsThroughImageFromDockerfile() {
        try (BuildContext context =
                new BuildContext("tc-mount").dockerfile("FROM ${BASE}\nRUN --mount=type=secret,id=token true\n")) {
            // given: a Dockerfile that only BuildKit builds; the control: docker build with BuildKit builds it
            context.build(Builder.BUILDKIT);

            // when / then
            assertThatThrownBy(() -> buildWithTestcontainers(context))
                    .as("ImageFromDockerfile's build fails: the engine ran the classic builder")
                    .hasMessageContaining(NEEDS_BUILDKIT);
            assertThatThrownBy(() -> context.build(Builder.CLASSIC))
                    .as("in the words docker build prints with the classic builder")
                    .hasMessageContaining(NEEDS_BUILDKIT);
        }
    }

    @Test
    @Claim("DL-15")
    void anImageFromDockerfileHasTheClassicBuildersLayers() {
        try (BuildContext context = new BuildContext("tc-workdir").dockerfile("FROM ${BASE}\nWORKDIR /tmp\n")) {
            // given: WORKDIR on a folder that exists, an empty layer with BuildKit and none with the classic builder
            // (DL-3)
            List<String> base = Docker.layers(BuildContext.BASE);
            List<String> withBuildKit =
                    Docker.layers(context.build(Builder.BUILDKIT).imageId());

            // when
            List<String> withTestcontainers = Docker.layers(buildWithTestcontainers(context));

            // then
            assertThat(withBuildKit)
                    .as("the control: docker build with BuildKit adds a layer")
                    .hasSize(base.size() + 1);
            assertThat(withTestcontainers)
                    .as("ImageFromDockerfile adds none: the classic builder ran")
                    .isEqualTo(base);
        }
    }

    /** Builds the context's Dockerfile with Testcontainers, labelled with the run so it is removed like the others; returns the image's name. */
    private static String buildWithTestcontainers(BuildContext context) {
        return new ImageFromDockerfile(context.image("testcontainers"), false)
                .withFileFromPath("Dockerfile", context.folder().resolve("Dockerfile"))
                .withBuildImageCmdModifier(build -> build.withLabels(Map.of(LabContainer.RUN_LABEL, LabContainer.RUN)))
                .get();
    }
}
