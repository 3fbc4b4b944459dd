package interviewlab.dockerlayers;

import interviewlab.support.narration.Narrator;
import interviewlab.support.services.LabImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which Dockerfile instructions make layers, and how does the cache work? Builds, edits and rebuilds in front of
 * the reader, with both builders, and opens an image up with docker save.
 */
public final class Demo {
    private static final String EXAMPLE = """
            FROM ${BASE}
            ENV GREETING=hello
            WORKDIR /app
            COPY a.txt /app/a.txt
            RUN wc -c /app/a.txt > /app/size
            LABEL topic=layers
            CMD ["cat", "/app/size"]
            """;

    private final Narrator narrator = new Narrator();

    public static void main(String[] args) {
        try {
            new Demo().run();
        } finally {
            Docker.removeImagesOfThisRun();
        }
    }

    private void run() {
        layers();
        cache();
        deletedIsNotGone();
        ordering();
        multiStage();
    }

    private void layers() {
        narrator.scenario("Layers and history: FROM, ENV, WORKDIR, COPY, RUN, LABEL, CMD");
        int base = Docker.layers(BuildContext.BASE).size();
        for (Builder builder : Builder.values()) {
            try (BuildContext context = new BuildContext("demo-layers").file("a.txt", "hello\n").dockerfile(EXAMPLE)) {
                String image = context.build(builder).imageId();
                narrator.say(builder.label(), "%d layers (the base has %d); history, newest first:", Docker.layers(image).size(), base);
                Docker.history(image).stream().limit(8).forEach(entry -> narrator.say("", "%s", shorten(entry)));
            }
        }
        narrator.verdict("COPY, RUN and WORKDIR /app (which created the folder) added layers; ENV, LABEL and CMD added history only");
    }

    private void cache() {
        narrator.scenario("The cache: rebuild unchanged, after touch, after an edit");
        try (BuildContext context = new BuildContext("demo-cache").file("a.txt", "hello\n").dockerfile(EXAMPLE)) {
            for (Builder builder : Builder.values()) {
                context.build(builder, "--no-cache");
                report(builder, "unchanged", context.build(builder));
                report(builder, "a.txt touched", context.touch("a.txt").build(builder));
                report(builder, "a.txt edited", context.file("a.txt", BuildContext.fresh("hello") + "\n").build(builder));
            }
        }
        narrator.verdict("a touched file keeps the cache (the key is content); an edit misses, and so does every step after it");
    }

    private void report(Builder builder, String change, Build build) {
        narrator.say(builder.label(), "%s, %d ms: %s", change, build.took().toMillis(), build.steps());
    }

    private void deletedIsNotGone() {
        narrator.scenario("Deleted is not gone: COPY secret.txt, then RUN rm secret.txt");
        String secret = "the-database-password";
        try (BuildContext context = new BuildContext("demo-secret").file("secret.txt", secret + "\n")
                .dockerfile("FROM ${BASE}\nCOPY secret.txt /secret.txt\nRUN rm /secret.txt\n")) {
            String image = context.build(Builder.BUILDKIT).imageId();
            narrator.say("container", "test -e /secret.txt: %s", Docker.runIn(image, "sh", "-c", "test -e /secret.txt && echo present || echo absent").strip());
            SavedImage saved = Docker.save(image);
            for (int layer : saved.layersContaining(secret)) {
                narrator.say("docker save", "layer %d holds secret.txt: \"%s\"", layer, saved.content(layer, "secret.txt").strip());
                narrator.say("docker save", "layer %d holds %s", layer + 1, saved.paths(layer + 1));
            }
        }
        narrator.verdict("the container cannot see it; anyone with the image can read it, next to its whiteout");
    }

    private void ordering() {
        narrator.scenario("Order: the sample app rebuilt after a one-line edit, dependency manifest first or sources first");
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("order", "first build", "rebuild after the edit", "dependency step on rebuild"));
        for (Map.Entry<String, String> dockerfile : List.of(Map.entry("manifest first", Dockerfiles.MANIFEST_FIRST),
                Map.entry("sources first", Dockerfiles.SOURCES_FIRST))) {
            String order = dockerfile.getKey();
            try (BuildContext context = SampleApp.context("demo-" + order.replace(' ', '-'), dockerfile.getValue())) {
                Build first = context.build(Builder.BUILDKIT, "--no-cache");
                SampleApp.editGreeting(context, BuildContext.fresh("Hi"));
                Build rebuild = context.build(Builder.BUILDKIT);
                boolean cached = rebuild.step("RUN mvn -o -B -q dependency:go-offline").cached();
                narrator.say(order, "first build %s, rebuild %s: %s", seconds(first), seconds(rebuild), rebuild.steps());
                table.add(List.of(order, seconds(first), seconds(rebuild), cached ? "cached" : "run again"));
            }
        }
        narrator.table(table);
        narrator.verdict("manifest first, a source edit reruns only the compile");
    }

    private void multiStage() {
        narrator.scenario("Multi-stage: the same app shipped on the JRE image, or with the whole Maven image");
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("build", "image size", "layers", "has mvn"));
        for (Map.Entry<String, String> dockerfile : List.of(Map.entry("single stage", Dockerfiles.SINGLE_STAGE),
                Map.entry("multi-stage", Dockerfiles.MULTI_STAGE))) {
            String kind = dockerfile.getKey();
            try (BuildContext context = SampleApp.context("demo-" + kind.replace(' ', '-'), dockerfile.getValue())) {
                String image = context.build(Builder.BUILDKIT).imageId();
                long bytes = Long.parseLong(Docker.inspect(image, "{{.Size}}"));
                String mvn = Docker.runIn(image, "sh", "-c", "command -v mvn || echo no").strip();
                table.add(List.of(kind, String.format(Locale.ROOT, "%.0f MB", bytes / 1e6), String.valueOf(Docker.layers(image).size()), mvn.equals("no") ? "no" : "yes"));
            }
        }
        narrator.table(table);
        narrator.verdict("the final stage holds only what was copied into it: %s and two layers", LabImages.JRE.imageName());
    }

    private static String seconds(Build build) {
        return String.format(Locale.ROOT, "%.1f s", build.took().toMillis() / 1000.0);
    }

    private static String shorten(String historyEntry) {
        return historyEntry.length() > 110 ? historyEntry.substring(0, 107) + "..." : historyEntry;
    }
}
