package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dockerfiles that differ from {@code FROM base} by one instruction, built with each builder; what is counted:
 * the image's filesystem layers (RootFS.Layers in its config) and its history entries, against the base's.
 */
class LayersTest {
    private static final List<String> BASE_LAYERS = Docker.layers(BuildContext.BASE);

    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-1")
    void runCopyAndAddEachAddAFilesystemLayerOnTopOfTheBasesLayers(Builder builder) {
        Map<String, List<String>> layers = layersAfter(builder, "RUN echo hello > /hello", "COPY a.txt /a.txt", "ADD a.txt /b.txt");

        layers.forEach((instruction, imageLayers) -> {
            assertThat(imageLayers).as("%s adds one filesystem layer (%s)", instruction, builder.label()).hasSize(BASE_LAYERS.size() + 1);
            assertThat(imageLayers.subList(0, BASE_LAYERS.size())).as("FROM contributes the base image's layers, unchanged, at the bottom")
                    .isEqualTo(BASE_LAYERS);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-2")
    void metadataInstructionsAddAHistoryEntryButNoLayer(Builder builder) {
        List<String> instructions = List.of("ENV GREETING=hello", "LABEL topic=layers", "EXPOSE 8080", "CMD [\"true\"]",
                "ENTRYPOINT [\"sh\", \"-c\"]", "USER nobody", "ARG VERSION=1");
        int historyOfFromAlone = historyOfFromAlone(builder);
        for (String instruction : instructions) {
            try (BuildContext context = new BuildContext("metadata").dockerfile("FROM ${BASE}\n" + instruction + "\n")) {
                String image = context.build(builder).imageId();
                assertThat(Docker.layers(image)).as("%s adds no filesystem layer (%s)", instruction, builder.label()).isEqualTo(BASE_LAYERS);
                assertThat(Docker.history(image)).as("but one history entry").hasSize(historyOfFromAlone + 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-3")
    void workdirAddsALayerWhenItCreatesTheFolderAndBuildKitEvenWhenItExists(Builder builder) {
        Map<String, List<String>> layers = layersAfter(builder, "WORKDIR /app", "WORKDIR /tmp");

        System.out.printf("%s: WORKDIR /app (new) %d layers, WORKDIR /tmp (exists) %d, base %d%n", builder.label(),
                layers.get("WORKDIR /app").size(), layers.get("WORKDIR /tmp").size(), BASE_LAYERS.size());
        assertThat(layers.get("WORKDIR /app")).as("WORKDIR creates a missing folder, in a layer").hasSize(BASE_LAYERS.size() + 1);
        int expected = builder == Builder.BUILDKIT ? BASE_LAYERS.size() + 1 : BASE_LAYERS.size();
        assertThat(layers.get("WORKDIR /tmp")).as("on a folder that exists, the classic builder adds no layer and BuildKit adds an empty one")
                .hasSize(expected);
    }

    /** The history of {@code FROM base} built alone by the builder (the classic builder adds an entry for the run's label). */
    private static int historyOfFromAlone(Builder builder) {
        try (BuildContext context = new BuildContext("from-alone").dockerfile("FROM ${BASE}\n")) {
            return Docker.history(context.build(builder).imageId()).size();
        }
    }

    /** Builds {@code FROM base} plus each instruction alone; returns each image's layers. */
    private static Map<String, List<String>> layersAfter(Builder builder, String... instructions) {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        for (String instruction : instructions) {
            try (BuildContext context = new BuildContext("one-instruction").dockerfile("FROM ${BASE}\n" + instruction + "\n").file("a.txt", "a file\n")) {
                layers.put(instruction, Docker.layers(context.build(builder).imageId()));
            }
        }
        return layers;
    }
}
