package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.dockerlayers.InstructionLayers.Added;
import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import java.util.List;
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
        // given / when: FROM base plus RUN, COPY or ADD
        InstructionLayers.Result result = InstructionLayers.build(builder, InstructionLayers.FILESYSTEM);

        // then
        for (Added image : result.added()) {
            assertThat(image.layers())
                    .as("%s adds one filesystem layer (%s)", image.instruction(), builder.label())
                    .hasSize(BASE_LAYERS.size() + 1);
            assertThat(image.layers().subList(0, BASE_LAYERS.size()))
                    .as("FROM contributes the base image's layers, unchanged, at the bottom")
                    .isEqualTo(BASE_LAYERS);
        }
        assertThat(result.filesystemCheck().kind())
                .as("the demo's check agrees: %s", result.filesystemCheck())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-2")
    void metadataInstructionsAddAHistoryEntryButNoLayer(Builder builder) {
        // given / when: FROM base plus ENV, LABEL, EXPOSE, CMD, ENTRYPOINT, USER or ARG
        InstructionLayers.Result result = InstructionLayers.build(builder, InstructionLayers.METADATA);

        // then
        for (Added image : result.added()) {
            assertThat(image.layers())
                    .as("%s adds no filesystem layer (%s)", image.instruction(), builder.label())
                    .isEqualTo(BASE_LAYERS);
            assertThat(image.historyAdded())
                    .as("but one history entry beyond FROM base alone's")
                    .isEqualTo(1);
        }
        assertThat(result.metadataCheck().kind())
                .as("the demo's check agrees: %s", result.metadataCheck())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-3")
    void workdirAddsALayerWhenItCreatesTheFolderAndBuildKitForAnyFolderButTheRoot(Builder builder) {
        // given / when: FROM base plus WORKDIR on a new folder, on one the base has, and on the root
        InstructionLayers.Result result = InstructionLayers.build(builder, InstructionLayers.WORKDIRS);
        Added newFolder = result.of(InstructionLayers.NEW_FOLDER);
        Added existingFolder = result.of(InstructionLayers.EXISTING_FOLDER);
        Added root = result.of(InstructionLayers.ROOT);

        // then
        System.out.printf(
                "%s: %s; %s; %s (base %d layers)%n",
                builder.label(), newFolder.summary(), existingFolder.summary(), root.summary(), BASE_LAYERS.size());
        assertThat(newFolder.layers())
                .as("WORKDIR creates a missing folder, in a layer")
                .hasSize(BASE_LAYERS.size() + 1);
        assertThat(newFolder.addedLayerPaths())
                .as("a layer that holds the folder it created, and nothing else")
                .hasValue(List.of("app/"));
        if (builder == Builder.BUILDKIT) {
            assertThat(existingFolder.layers())
                    .as("on a folder that exists, BuildKit still adds a layer")
                    .hasSize(BASE_LAYERS.size() + 1);
            assertThat(existingFolder.addedLayerPaths())
                    .as("an empty one: its tar holds nothing")
                    .hasValue(List.of());
        } else {
            assertThat(existingFolder.layers())
                    .as("on a folder that exists, the classic builder adds no layer")
                    .isEqualTo(BASE_LAYERS);
        }
        assertThat(root.layers())
                .as("on the root, neither builder adds a layer: BuildKit makes no folder for /")
                .isEqualTo(BASE_LAYERS);
        assertThat(result.workdirCheck().kind())
                .as("the demo's check agrees: %s", result.workdirCheck())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
