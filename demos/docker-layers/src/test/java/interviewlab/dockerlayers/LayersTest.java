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
        Map<String, String> images = imagesAfter(builder, "RUN echo hello > /hello", "COPY a.txt /a.txt", "ADD a.txt /b.txt");

        images.forEach((instruction, image) -> {
            List<String> imageLayers = Docker.layers(image);
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
    void workdirAddsALayerWhenItCreatesTheFolderAndBuildKitForAnyFolderButTheRoot(Builder builder) {
        Map<String, String> images = imagesAfter(builder, "WORKDIR /app", "WORKDIR /tmp", "WORKDIR /");
        List<String> newFolder = Docker.layers(images.get("WORKDIR /app"));
        List<String> existingFolder = Docker.layers(images.get("WORKDIR /tmp"));
        List<String> root = Docker.layers(images.get("WORKDIR /"));

        System.out.printf("%s: WORKDIR /app (new) %d layers, WORKDIR /tmp (exists) %d, WORKDIR / %d, base %d%n", builder.label(),
                newFolder.size(), existingFolder.size(), root.size(), BASE_LAYERS.size());
        assertThat(newFolder).as("WORKDIR creates a missing folder, in a layer").hasSize(BASE_LAYERS.size() + 1);
        if (builder == Builder.BUILDKIT) {
            assertThat(existingFolder).as("on a folder that exists, BuildKit still adds a layer").hasSize(BASE_LAYERS.size() + 1);
            assertThat(Docker.save(images.get("WORKDIR /tmp")).paths(BASE_LAYERS.size())).as("an empty one: its tar holds nothing").isEmpty();
        } else {
            assertThat(existingFolder).as("on a folder that exists, the classic builder adds no layer").isEqualTo(BASE_LAYERS);
        }
        assertThat(root).as("on the root, neither builder adds a layer: BuildKit makes no folder for /").isEqualTo(BASE_LAYERS);
    }

    /** The history of {@code FROM base} built alone by the builder (the classic builder adds an entry for the run's label). */
    private static int historyOfFromAlone(Builder builder) {
        try (BuildContext context = new BuildContext("from-alone").dockerfile("FROM ${BASE}\n")) {
            return Docker.history(context.build(builder).imageId()).size();
        }
    }

    /** Builds {@code FROM base} plus each instruction alone; returns each image's id (later builds to the same tag leave it be). */
    private static Map<String, String> imagesAfter(Builder builder, String... instructions) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String instruction : instructions) {
            try (BuildContext context = new BuildContext("one-instruction").dockerfile("FROM ${BASE}\n" + instruction + "\n").file("a.txt", "a file\n")) {
                images.put(instruction, context.build(builder).imageId());
            }
        }
        return images;
    }
}
