package interviewlab.dockerlayers;

import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.LabImages;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Dockerfile instructions make layers, and how does the cache work? Builds, edits and rebuilds in front of
 * the reader, with both builders, opens an image up with docker save, and prints what each scenario's check
 * concluded from what it observed.
 */
public final class Demo {
    private static final List<Builder> BOTH = List.of(Builder.values());

    private final DemoRun run;
    private final Narrator narrator;
    /** Both builders; the quick version builds with BuildKit only (the tests build with both). */
    private final List<Builder> builders = DemoRun.scenarios(BOTH, List.of(Builder.BUILDKIT));

    private Demo(DemoRun run) {
        this.run = run;
        this.narrator = run.narrator();
    }

    public static void main(String[] args) {
        List<String> versions = List.of(
                "Debian " + LabImages.BASE.version(),
                "Maven " + LabImages.MAVEN.version(),
                "OpenJDK " + LabImages.JRE.version(),
                "classic builder via docker CLI " + Docker.clientVersion(Builder.CLASSIC),
                "BuildKit via docker CLI " + Docker.clientVersion(Builder.BUILDKIT));
        DemoRun.main("docker-layers", Demo.class, versions, run -> {
            try {
                new Demo(run).run();
            } finally {
                Docker.removeImagesOfThisRun();
            }
        });
    }

    private void run() {
        layers();
        cache();
        deletedIsNotGone();
        ordering();
        multiStage();
    }

    private void layers() {
        narrator.scenario("Layers and history: FROM base plus one instruction, with each builder"
                + DemoRun.keptInTheQuickVersion(builders, BOTH, "builders"));
        Map<Builder, InstructionLayers.Result> results = new EnumMap<>(Builder.class);
        for (Builder builder : builders) {
            InstructionLayers.Result result = InstructionLayers.build(builder, InstructionLayers.ALL);
            result.added()
                    .forEach(added -> narrator.say(builder.label(), "%s: %s", added.instruction(), added.summary()));
            results.put(builder, result);
        }
        Observation table = Observation.named(
                "layers-per-instruction", "What one instruction adds to FROM base", columns("instruction"));
        // The classic builder records docker build --label, which the lab puts on every image, as a history entry of
        // its own.
        table.row(cells("FROM base alone, against the base image", results, Demo::fromAlone));
        for (String instruction : InstructionLayers.ALL) {
            table.row(
                    cells(instruction, results, result -> result.of(instruction).summary()));
        }
        run.record(table.verdict(bothBuilders(results, InstructionLayers.Result::filesystemCheck))
                .verdict(bothBuilders(results, InstructionLayers.Result::metadataCheck))
                .verdict(bothBuilders(results, InstructionLayers.Result::workdirCheck)));
    }

    private static String fromAlone(InstructionLayers.Result result) {
        int added = result.fromAloneHistory() - result.baseHistory();
        return String.format("%+d history entr%s", added, Math.abs(added) == 1 ? "y" : "ies");
    }

    private void cache() {
        narrator.scenario("The cache: what each rebuild took from it, with each builder"
                + DemoRun.keptInTheQuickVersion(builders, BOTH, "builders"));
        Map<Builder, Rebuilds.Unchanged> unchanged = new EnumMap<>(Builder.class);
        Map<Builder, Rebuilds.CopyKey> copyKey = new EnumMap<>(Builder.class);
        Map<Builder, Rebuilds.Cascade> cascade = new EnumMap<>(Builder.class);
        for (Builder builder : builders) {
            Rebuilds.Unchanged rebuild = Rebuilds.unchanged(builder);
            narrator.say(
                    builder.label(),
                    "hashing 3 GB with --no-cache, %s: %s",
                    rebuild.first().time(),
                    rebuild.first().hits());
            narrator.say(
                    builder.label(),
                    "rebuilt unchanged, %s: %s",
                    rebuild.again().time(),
                    rebuild.again().hits());
            unchanged.put(builder, rebuild);
            Rebuilds.CopyKey key = Rebuilds.copyKey(builder);
            key.byChange()
                    .forEach((change, build) ->
                            narrator.say(builder.label(), "%s, %s: %s", change, build.time(), build.hits()));
            copyKey.put(builder, key);
            Rebuilds.Cascade edited = Rebuilds.cascade(builder);
            narrator.say(
                    builder.label(),
                    "a.txt edited before a RUN and a COPY that never read it, %s: %s",
                    edited.rebuilt().time(),
                    edited.rebuilt().hits());
            cascade.put(builder, edited);
        }
        Observation table =
                Observation.named("layers-cache-rebuilds", "What each rebuild took from the cache", columns("rebuild"));
        table.row(cells(
                "a step hashing 3 GB: built with --no-cache, then rebuilt unchanged (DL-4)",
                unchanged,
                Demo::slowRebuild));
        for (String change : copyKey.get(builders.get(0)).byChange().keySet()) {
            table.row(cells(
                    "COPY a.txt, ADD b.txt; " + change + " (DL-5)",
                    copyKey,
                    key -> timedHits(key.byChange().get(change))));
        }
        table.row(cells(
                "COPY a.txt, RUN echo, COPY b.txt; a.txt edited (DL-7)",
                cascade,
                edited -> timedHits(edited.rebuilt())));
        run.record(table.verdict(bothBuilders(unchanged, Rebuilds.Unchanged::check))
                .verdict(bothBuilders(copyKey, Rebuilds.CopyKey::check))
                .verdict(bothBuilders(cascade, Rebuilds.Cascade::check)));
    }

    /** A table's columns: what a row is, then one per builder this run built with. */
    private String[] columns(String first) {
        return Stream.concat(Stream.of(first), builders.stream().map(Builder::label))
                .toArray(String[]::new);
    }

    /** A row: its label, then what each builder's result shows. */
    private <R> Object[] cells(String label, Map<Builder, R> results, Function<R, Object> shown) {
        return Stream.concat(
                        Stream.of(label), builders.stream().map(results::get).map(shown))
                .toArray();
    }

    private static String slowRebuild(Rebuilds.Unchanged rebuild) {
        return String.format(
                "%s, then %s: %s",
                rebuild.first().time(), rebuild.again().time(), rebuild.again().hits());
    }

    private static String timedHits(Build build) {
        return build.hits() + " (" + build.time() + ")";
    }

    private void deletedIsNotGone() {
        narrator.scenario("Deleted is not gone: COPY secret.txt, then RUN rm /secret.txt"
                + DemoRun.keptInTheQuickVersion(builders, BOTH, "builders"));
        Map<Builder, DeletedFile.Result> results = new EnumMap<>(Builder.class);
        for (Builder builder : builders) {
            DeletedFile.Result result = DeletedFile.build(builder, "the-database-password");
            narrator.say(builder.label(), "in a container, test -e /secret.txt: %s", result.inContainer());
            narrator.say(
                    builder.label(),
                    "docker save: the layers holding the secret: %s; layer %d has secret.txt: %s",
                    result.layersWithSecret(),
                    result.baseLayers(),
                    result.copyLayerFile()
                            .map(String::strip)
                            .map(content -> "\"" + content + "\"")
                            .orElse("no"));
            narrator.say(
                    builder.label(), "docker save: layer %d holds %s", result.baseLayers() + 1, result.rmLayerPaths());
            results.put(builder, result);
        }
        run.verdict(bothBuilders(results, DeletedFile.Result::check));
    }

    private void ordering() {
        narrator.scenario(
                "Order: the sample app rebuilt after a one-line edit, dependency manifest first or sources first");
        DependencyOrder.Result result = DependencyOrder.run();
        Observation table = Observation.named(
                "layers-dependency-order",
                "The sample app rebuilt with BuildKit after a one-line source edit",
                "order",
                "first build",
                "rebuild after the edit",
                "dependency step on rebuild");
        for (DependencyOrder.Order order : List.of(result.manifestFirst(), result.sourcesFirst())) {
            narrator.say(
                    order.name(),
                    "first build %s; after the edit, rebuild %s: %s",
                    order.first().time(),
                    order.rebuild().time(),
                    order.rebuild().hits());
            table.row(
                    order.name(),
                    order.first().time(),
                    order.rebuild().time(),
                    order.dependencyStepCached() ? "cached" : "run again");
        }
        narrator.say(
                "manifest first",
                "the rebuilt image prints: %s",
                result.editedRun().strip());
        run.record(table.verdict(result.check()));
    }

    private void multiStage() {
        narrator.scenario("Multi-stage: the same app shipped with the whole Maven image, or on the JRE image");
        Stages.Result result = Stages.build();
        Observation table = Observation.named(
                "layers-multi-stage",
                "The same app shipped two ways",
                "build",
                "image size",
                "layers",
                "has mvn or javac");
        for (Stages.Image image : List.of(result.single(), result.multi())) {
            narrator.say(
                    image.name(),
                    "%s in %d layers; command -v mvn javac: %s",
                    image.megabytes(),
                    image.layers().size(),
                    image.tools().replace('\n', ' '));
            table.row(image.name(), image.megabytes(), image.layers().size(), image.hasBuildTools() ? "yes" : "no");
        }
        run.record(table.verdict(result.check()));
    }

    /**
     * One verdict on a claim from each builder's: contradicted if either's is, not shown if either's run could not
     * show it, shown if both showed it; the sentence is both builders' own.
     */
    private static <R> Verdict bothBuilders(Map<Builder, R> results, Function<R, Verdict> check) {
        List<Verdict> verdicts = results.values().stream().map(check).toList();
        // the kinds are declared shown, not shown, contradicted: the worst wins
        Verdict.Kind kind = verdicts.stream()
                .map(Verdict::kind)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return new Verdict(
                verdicts.get(0).claim(),
                kind,
                verdicts.stream().map(Verdict::sentence).collect(Collectors.joining("; ")));
    }
}
