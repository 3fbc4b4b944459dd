package interviewlab.dockerlayers;

import interviewlab.support.observed.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Dockerfiles that differ from {@code FROM base} by one instruction, built by one builder, beside {@code FROM base}
 * alone: what the instruction added to the image's filesystem layers (RootFS.Layers in its config) and to its
 * history. LayersTest proves DL-1..3 with it, and the demo shows it.
 */
public final class InstructionLayers {
    /** The instructions that change the filesystem (DL-1). */
    public static final List<String> FILESYSTEM =
            List.of("RUN echo hello > /hello", "COPY a.txt /a.txt", "ADD a.txt /b.txt");
    /** The instructions that change only the image's config (DL-2). */
    public static final List<String> METADATA = List.of(
            "ENV GREETING=hello",
            "LABEL topic=layers",
            "EXPOSE 8080",
            "CMD [\"true\"]",
            "ENTRYPOINT [\"sh\", \"-c\"]",
            "USER nobody",
            "ARG VERSION=1");
    /** WORKDIR on a folder it creates, on one the base has, and on the root (DL-3). */
    public static final String NEW_FOLDER = "WORKDIR /app";

    public static final String EXISTING_FOLDER = "WORKDIR /tmp";
    public static final String ROOT = "WORKDIR /";
    public static final List<String> WORKDIRS = List.of(NEW_FOLDER, EXISTING_FOLDER, ROOT);
    public static final List<String> ALL =
            Stream.of(FILESYSTEM, METADATA, WORKDIRS).flatMap(List::stream).toList();

    private InstructionLayers() {}

    /**
     * What one instruction, alone after {@code FROM base}, added to it.
     *
     * @param baseLayers the base image's layers, bottom first
     * @param layers the image's layers, bottom first
     * @param historyAdded history entries beyond those of {@code FROM base} built alone by the same builder
     * @param listedAsStep whether the builder's output lists the instruction as a build step
     * @param addedLayerPaths for a WORKDIR that added a layer, what that layer holds (from docker save); empty otherwise
     */
    public record Added(
            String instruction,
            List<String> baseLayers,
            List<String> layers,
            int historyAdded,
            boolean listedAsStep,
            Optional<List<String>> addedLayerPaths) {
        public int layersAdded() {
            return layers.size() - baseLayers.size();
        }

        /** Whether the base's layers are the image's bottom ones, unchanged: all that FROM contributes. */
        public boolean onTheBase() {
            return layers.size() >= baseLayers.size()
                    && layers.subList(0, baseLayers.size()).equals(baseLayers);
        }

        /** "+1 layer (empty)", "no layer": what the filesystem got. */
        public String layerSummary() {
            if (layersAdded() == 0 && onTheBase()) {
                return "no layer";
            }
            String content = addedLayerPaths
                    .map(paths -> paths.isEmpty() ? " (empty)" : " (" + String.join(" ", paths) + ")")
                    .orElse("");
            return String.format(
                    Locale.ROOT,
                    "%+d layer%s%s%s",
                    layersAdded(),
                    Math.abs(layersAdded()) == 1 ? "" : "s",
                    content,
                    onTheBase() ? "" : ", the base's layers changed");
        }

        /** One table cell: "+1 layer (app/), +1 history entry, a build step". */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s, %+d history entr%s, %s",
                    layerSummary(),
                    historyAdded,
                    historyAdded == 1 ? "y" : "ies",
                    listedAsStep ? "a build step" : "no build step");
        }
    }

    /** One builder's images, one per instruction, and the history of {@code FROM base} alone, against the base image's. */
    public record Result(Builder builder, List<Added> added, int baseHistory, int fromAloneHistory) {
        public Added of(String instruction) {
            return added.stream()
                    .filter(image -> image.instruction().equals(instruction))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(instruction + " was not built"));
        }

        /** DL-1: RUN, COPY and ADD each add one layer, on top of the base's layers, unchanged. */
        public Verdict filesystemCheck() {
            List<Added> images = FILESYSTEM.stream().map(this::of).toList();
            boolean holds = images.stream().allMatch(image -> image.layersAdded() == 1 && image.onTheBase());
            String observed = images.stream()
                    .map(image -> keyword(image) + " " + image.layerSummary())
                    .collect(Collectors.joining(", "));
            int base = images.get(0).baseLayers().size();
            return Verdict.holdsIf(
                    holds,
                    "DL-1",
                    String.format(
                            Locale.ROOT,
                            "%s: %s, each on the base's %d layers, unchanged",
                            builder.label(),
                            observed,
                            base),
                    String.format(
                            Locale.ROOT,
                            "%s: %s on the base's %d layers, where each should add one on top of them",
                            builder.label(),
                            observed,
                            base));
        }

        /** DL-2: ENV, LABEL, EXPOSE, CMD, ENTRYPOINT, USER and ARG each add a history entry and no layer. */
        public Verdict metadataCheck() {
            List<Added> images = METADATA.stream().map(this::of).toList();
            List<Added> wrong = images.stream()
                    .filter(image -> !(image.layersAdded() == 0 && image.onTheBase() && image.historyAdded() == 1))
                    .toList();
            String keywords = images.stream().map(InstructionLayers::keyword).collect(Collectors.joining(", "));
            return Verdict.holdsIf(
                    wrong.isEmpty(),
                    "DL-2",
                    String.format(
                            Locale.ROOT,
                            "%s: %s each left the base's layers as they were and added 1 history entry",
                            builder.label(),
                            keywords),
                    String.format(
                            Locale.ROOT,
                            "%s: %s, where each should add no layer and 1 history entry",
                            builder.label(),
                            wrong.stream()
                                    .map(image -> keyword(image) + " " + image.summary())
                                    .collect(Collectors.joining("; "))));
        }

        /**
         * DL-3: WORKDIR adds a layer when it creates its folder; on a folder that exists the classic builder adds none and
         * BuildKit an empty one; on the root, neither adds one.
         */
        public Verdict workdirCheck() {
            Added newFolder = of(NEW_FOLDER);
            Added existing = of(EXISTING_FOLDER);
            Added root = of(ROOT);
            boolean existingAsExpected = builder == Builder.BUILDKIT
                    ? existing.layersAdded() == 1
                            && existing.onTheBase()
                            && existing.addedLayerPaths().equals(Optional.of(List.of()))
                    : existing.layersAdded() == 0 && existing.onTheBase();
            boolean holds = newFolder.layersAdded() == 1
                    && newFolder.onTheBase()
                    && newFolder.addedLayerPaths().equals(Optional.of(List.of("app/")))
                    && existingAsExpected
                    && root.layersAdded() == 0
                    && root.onTheBase();
            String observed = Stream.of(newFolder, existing, root)
                    .map(image -> image.instruction() + " " + image.layerSummary())
                    .collect(Collectors.joining(", "));
            String expected = builder == Builder.BUILDKIT ? "+1, +1 (empty) and none" : "+1, none and none";
            return Verdict.holdsIf(
                    holds,
                    "DL-3",
                    String.format(Locale.ROOT, "%s: %s", builder.label(), observed),
                    String.format(Locale.ROOT, "%s: %s, where DL-3 says %s", builder.label(), observed, expected));
        }
    }

    /** Builds {@code FROM base} alone, then {@code FROM base} plus each instruction alone, with the builder. */
    public static Result build(Builder builder, List<String> instructions) {
        List<String> baseLayers = Docker.layers(BuildContext.BASE);
        int fromAloneHistory;
        try (BuildContext context = new BuildContext("from-alone").dockerfile("FROM ${BASE}\n")) {
            fromAloneHistory = Docker.history(context.build(builder).imageId()).size();
        }
        List<Added> added = new ArrayList<>();
        for (String instruction : instructions) {
            try (BuildContext context = new BuildContext("one-instruction")
                    .dockerfile("FROM ${BASE}\n" + instruction + "\n")
                    .file("a.txt", "a file\n")) {
                Build build = context.build(builder);
                String image = build.imageId();
                List<String> layers = Docker.layers(image);
                // What a WORKDIR's layer holds tells a folder it made from an empty layer (DL-3); docker save is slow,
                // so only then.
                Optional<List<String>> paths = instruction.startsWith("WORKDIR") && layers.size() > baseLayers.size()
                        ? Optional.of(Docker.save(image).paths(baseLayers.size()))
                        : Optional.empty();
                // FROM is not a step, so any step listed is this instruction
                added.add(new Added(
                        instruction,
                        baseLayers,
                        layers,
                        Docker.history(image).size() - fromAloneHistory,
                        !build.steps().isEmpty(),
                        paths));
            }
        }
        return new Result(builder, added, Docker.history(BuildContext.BASE).size(), fromAloneHistory);
    }

    /** "RUN", or the whole instruction for a WORKDIR, whose folder is the point. */
    private static String keyword(Added image) {
        return image.instruction().startsWith("WORKDIR")
                ? image.instruction()
                : image.instruction().split(" ")[0];
    }
}
