package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
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
        // given / when
        Stages.Result result = Stages.build();
        Stages.Image single = result.single();
        Stages.Image multi = result.multi();

        // then
        List<String> jreLayers = result.jreLayers();
        System.out.printf(
                "single stage %,d bytes in %d layers; multi-stage %,d bytes in %d layers%n",
                single.bytes(),
                single.layers().size(),
                multi.bytes(),
                multi.layers().size());
        assertThat(single.output()).as("both run the app").contains("Hello, interviewer!");
        assertThat(multi.output()).contains("Hello, interviewer!");
        assertThat(multi.layers())
                .as("the final image is the JRE image's layers and the two COPY layers, nothing of the build stage")
                .hasSize(jreLayers.size() + 2)
                .startsWith(jreLayers.toArray(String[]::new))
                .doesNotContainAnyElementsOf(result.buildStageOnlyLayers());
        assertThat(multi.tools()).as("no Maven and no JDK in it").isEqualTo("none");
        assertThat(multi.bytes()).as("so it is smaller").isLessThan(single.bytes());
        assertThat(result.check().kind())
                .as("the demo's check agrees: %s", result.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
