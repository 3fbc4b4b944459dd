package interviewlab.dockerlayers;

import interviewlab.support.observed.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The build cache, read from each builder's own report of every step (classic: "Using cache"; BuildKit:
 * "CACHED"). Each story starts with a build that ignores the cache (--no-cache), so an earlier run's cache cannot
 * answer for it, and puts text no earlier build has seen into every file it edits. CacheTest proves DL-4, DL-5 and
 * DL-7 with them, and the demo shows them.
 */
public final class Rebuilds {
    /** A step that takes a few seconds of real work: hashing 3 GB of zeros. */
    public static final String SLOW_STEP = "RUN head -c 3000000000 /dev/zero | sha256sum > /checksum";
    /** DL-7's Dockerfile: a step after the COPY that never reads what it copied. */
    public static final List<String> CASCADE_STEPS =
            List.of("COPY a.txt /a.txt", "RUN echo does not read a.txt > /independent", "COPY b.txt /b.txt");

    private Rebuilds() {}

    /** DL-4: a build with a slow step, then the same build again, nothing changed. */
    public record Unchanged(Builder builder, Build first, Build again) {
        public Verdict check() {
            boolean firstRanEveryStep = first.steps().stream()
                            .map(BuildStep::instruction)
                            .toList()
                            .containsAll(List.of("COPY a.txt /a.txt", SLOW_STEP))
                    && first.steps().stream().noneMatch(BuildStep::cached);
            boolean everyStepCached = again.steps().size() == first.steps().size()
                    && again.steps().stream().allMatch(BuildStep::cached);
            boolean underAThird = again.took().compareTo(first.took().dividedBy(3)) < 0;
            long cached = again.steps().stream().filter(BuildStep::cached).count();
            return Verdict.holdsIf(
                    firstRanEveryStep && everyStepCached && underAThird,
                    "DL-4",
                    String.format(
                            Locale.ROOT,
                            "%s: the unchanged rebuild took all %d steps from the cache, in %s against the first build's %s",
                            builder.label(),
                            again.steps().size(),
                            again.time(),
                            first.time()),
                    String.format(
                            Locale.ROOT,
                            "%s: the first build (%s) ran %s; the unchanged rebuild took %d of %d steps from the cache, in %s, "
                                    + "where it should take all of them in under a third of the first build's time",
                            builder.label(),
                            first.time(),
                            first.hits(),
                            cached,
                            again.steps().size(),
                            again.time()));
        }
    }

    public static Unchanged unchanged(Builder builder) {
        try (BuildContext context = new BuildContext("rebuild")
                .file("a.txt", BuildContext.fresh("a") + "\n")
                .dockerfile("FROM ${BASE}\nCOPY a.txt /a.txt\n" + SLOW_STEP + "\nENV DONE=yes\n")) {
            Build first = context.build(builder, "--no-cache");
            return new Unchanged(builder, first, context.build(builder));
        }
    }

    /**
     * DL-5: {@code COPY a.txt} then {@code ADD b.txt}, rebuilt after both files are touched (new modification times,
     * same bytes); then after b.txt, then a.txt, loses its group and other permissions (same bytes); then after b.txt
     * is edited, then a.txt.
     */
    public record CopyKey(
            Builder builder, Build touched, Build addChmodded, Build copyChmodded, Build addEdited, Build copyEdited) {
        /** Each rebuild by what changed before it, in order. */
        public Map<String, Build> byChange() {
            Map<String, Build> builds = new LinkedHashMap<>();
            builds.put("a.txt and b.txt touched", touched);
            builds.put("b.txt (ADD) chmod 600", addChmodded);
            builds.put("a.txt (COPY) chmod 600", copyChmodded);
            builds.put("b.txt (ADD) edited", addEdited);
            builds.put("a.txt (COPY) edited", copyEdited);
            return builds;
        }

        public Verdict check() {
            boolean touchKeepsBoth = touched.steps().stream()
                            .map(BuildStep::instruction)
                            .toList()
                            .equals(List.of("COPY a.txt /a.txt", "ADD b.txt /b.txt"))
                    && touched.steps().stream().allMatch(BuildStep::cached);
            boolean addKeyedOnItsFile = addChmodded.step("COPY").cached()
                    && !addChmodded.step("ADD").cached()
                    && addEdited.step("COPY").cached()
                    && !addEdited.step("ADD").cached();
            boolean copyKeyedOnItsFile = !copyChmodded.step("COPY").cached()
                    && !copyEdited.step("COPY").cached();
            String observed = byChange().entrySet().stream()
                    .map(change -> change.getKey() + ": " + change.getValue().hits())
                    .collect(Collectors.joining("; "));
            return Verdict.holdsIf(
                    touchKeepsBoth && addKeyedOnItsFile && copyKeyedOnItsFile,
                    "DL-5",
                    String.format(
                            Locale.ROOT,
                            "%s: touched, COPY and ADD stayed cached; a chmod or an edit of b.txt missed at its ADD and left "
                                    + "the COPY cached, and of a.txt missed at its COPY",
                            builder.label()),
                    String.format(
                            Locale.ROOT,
                            "%s: %s, where a touch should keep both cached and a chmod or an edit miss at the step "
                                    + "that copies that file",
                            builder.label(),
                            observed));
        }
    }

    public static CopyKey copyKey(Builder builder) {
        try (BuildContext context = new BuildContext("copy-key")
                .file("a.txt", BuildContext.fresh("a 1") + "\n")
                .file("b.txt", BuildContext.fresh("b 1") + "\n")
                .dockerfile("FROM ${BASE}\nCOPY a.txt /a.txt\nADD b.txt /b.txt\n")) {
            context.build(builder, "--no-cache");
            Build touched = context.touch("a.txt").touch("b.txt").build(builder);
            Build addChmodded = context.permissions("b.txt", "rw-------").build(builder);
            Build copyChmodded = context.permissions("a.txt", "rw-------").build(builder);
            Build addEdited =
                    context.file("b.txt", BuildContext.fresh("b 2") + "\n").build(builder);
            Build copyEdited =
                    context.file("a.txt", BuildContext.fresh("a 2") + "\n").build(builder);
            return new CopyKey(builder, touched, addChmodded, copyChmodded, addEdited, copyEdited);
        }
    }

    /** DL-7: {@link #CASCADE_STEPS} built, then rebuilt after only a.txt, copied by the first step, changed. */
    public record Cascade(Builder builder, Build rebuilt) {
        public Verdict check() {
            boolean everyStepRebuilt = rebuilt.steps().stream()
                            .map(BuildStep::instruction)
                            .toList()
                            .equals(CASCADE_STEPS)
                    && rebuilt.steps().stream().noneMatch(BuildStep::cached);
            return Verdict.holdsIf(
                    everyStepRebuilt,
                    "DL-7",
                    String.format(
                            Locale.ROOT,
                            "%s: a.txt edited, its COPY and both later steps were rebuilt, the RUN that never reads it "
                                    + "too (%s)",
                            builder.label(),
                            rebuilt.hits()),
                    String.format(
                            Locale.ROOT,
                            "%s: a.txt edited, the rebuild went %s, where its COPY and every later step should be "
                                    + "rebuilt",
                            builder.label(),
                            rebuilt.hits()));
        }
    }

    public static Cascade cascade(Builder builder) {
        try (BuildContext context = new BuildContext("cascade")
                .file("a.txt", BuildContext.fresh("a 1") + "\n")
                .file("b.txt", BuildContext.fresh("b") + "\n")
                .dockerfile("FROM ${BASE}\n" + String.join("\n", CASCADE_STEPS) + "\n")) {
            context.build(builder, "--no-cache");
            return new Cascade(
                    builder,
                    context.file("a.txt", BuildContext.fresh("a 2") + "\n").build(builder));
        }
    }
}
