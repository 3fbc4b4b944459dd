package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.LabImages;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sample app built in one stage on the Maven image, and in two: built there, then copied onto the JRE image. */
class MultiStageTest {
    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @Test
    @Claim("DL-13")
    void theFinalImageHoldsOnlyTheLastStagesLayers() {
        try (BuildContext single = SampleApp.context("single-stage", Dockerfiles.SINGLE_STAGE);
             BuildContext multi = SampleApp.context("multi-stage", Dockerfiles.MULTI_STAGE)) {
            // given / when
            String singleImage = single.build(Builder.BUILDKIT).imageId();
            String multiImage = multi.build(Builder.BUILDKIT).imageId();

            // then
            List<String> jreLayers = Docker.layers(LabImages.JRE.imageName());
            List<String> mavenLayers = Docker.layers(LabImages.MAVEN.imageName());
            long singleBytes = Long.parseLong(Docker.inspect(singleImage, "{{.Size}}"));
            long multiBytes = Long.parseLong(Docker.inspect(multiImage, "{{.Size}}"));
            System.out.printf("single stage %,d bytes in %d layers; multi-stage %,d bytes in %d layers%n",
                    singleBytes, Docker.layers(singleImage).size(), multiBytes, Docker.layers(multiImage).size());
            assertThat(Docker.runIn(singleImage)).as("both run the app").contains("Hello, interviewer!");
            assertThat(Docker.runIn(multiImage)).contains("Hello, interviewer!");
            assertThat(Docker.layers(multiImage)).as("the final image is the JRE image's layers and the two COPY layers, nothing of the build stage")
                    .hasSize(jreLayers.size() + 2).startsWith(jreLayers.toArray(String[]::new))
                    .doesNotContainAnyElementsOf(mavenLayers.subList(jreLayers.size(), mavenLayers.size()));
            assertThat(Docker.runIn(multiImage, "sh", "-c", "command -v mvn javac || echo none").strip())
                    .as("no Maven and no JDK in it").isEqualTo("none");
            assertThat(multiBytes).as("so it is smaller").isLessThan(singleBytes);
        }
    }
}
