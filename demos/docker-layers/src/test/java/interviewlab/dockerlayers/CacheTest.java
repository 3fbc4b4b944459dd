package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The build cache, read from each builder's own report of every step (classic: "Using cache"; BuildKit:
 * "CACHED"). Each story starts with a build that ignores the cache (--no-cache), so an earlier run's cache
 * cannot make it pass.
 */
class CacheTest {
    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-4")
    void anUnchangedRebuildTakesEveryStepFromTheCache(Builder builder) {
        // given: a full build with a slow step; when: the same build again, nothing changed
        Rebuilds.Unchanged rebuild = Rebuilds.unchanged(builder);
        Build first = rebuild.first();
        Build again = rebuild.again();

        // then
        System.out.printf(
                "%s: first build %d ms, rebuild %d ms: %s%n",
                builder.label(), first.took().toMillis(), again.took().toMillis(), again.steps());
        assertThat(first.steps())
                .as("the first build ran every step")
                .extracting(BuildStep::instruction)
                .contains("COPY a.txt /a.txt", Rebuilds.SLOW_STEP);
        assertThat(first.steps()).noneMatch(BuildStep::cached);
        assertThat(again.steps())
                .as("the rebuild took every step from the cache (%s)", builder.label())
                .hasSameSizeAs(first.steps())
                .allMatch(BuildStep::cached);
        assertThat(again.took())
                .as("so it skips the slow step's work: under a third of the first build's time")
                .isLessThan(first.took().dividedBy(3));
        assertThat(rebuild.check().kind())
                .as("the demo's check agrees: %s", rebuild.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-5")
    void copyAndAddAreKeyedOnContentAndPermissionsNotModificationTime(Builder builder) {
        // given: COPY a.txt, ADD b.txt, built; when: both files are touched (new modification times, same bytes); then
        // b.txt, then a.txt, loses its group and other permissions (same bytes); then b.txt is edited, then a.txt
        Rebuilds.CopyKey key = Rebuilds.copyKey(builder);

        // then
        assertThat(key.touched().steps())
                .as("touched files keep COPY and ADD cached: the modification time is not in the key")
                .extracting(BuildStep::instruction)
                .containsExactly("COPY a.txt /a.txt", "ADD b.txt /b.txt");
        assertThat(key.touched().steps()).allMatch(BuildStep::cached);
        assertThat(key.addChmodded().step("COPY").cached())
                .as("new permissions on b.txt leave the COPY of a.txt cached")
                .isTrue();
        assertThat(key.addChmodded().step("ADD").cached())
                .as("and miss at the ADD of b.txt: permissions are in the key")
                .isFalse();
        assertThat(key.copyChmodded().step("COPY").cached())
                .as("new permissions on a.txt miss at its COPY")
                .isFalse();
        assertThat(key.addEdited().step("COPY").cached())
                .as("an edit to b.txt leaves the COPY of a.txt cached")
                .isTrue();
        assertThat(key.addEdited().step("ADD").cached())
                .as("and misses at the ADD of b.txt: the content is in the key")
                .isFalse();
        assertThat(key.copyEdited().step("COPY").cached())
                .as("an edit to a.txt misses at its COPY")
                .isFalse();
        assertThat(key.check().kind())
                .as("the demo's check agrees: %s", key.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-6")
    void runIsKeyedOnItsCommandStringSoItsResultGoesStale(Builder builder) {
        // The marker makes the command this run's own: another run's cached result must not answer for it.
        String command = "RUN date +%s%N > /built-at # ";
        try (BuildContext context =
                new BuildContext("run-key").dockerfile("FROM ${BASE}\n" + command + BuildContext.fresh("run") + "\n")) {
            // given: a build whose RUN records when it ran (as apt-get update records what the mirror had)
            String firstRun = Docker.runIn(context.build(builder, "--no-cache").imageId(), "cat", "/built-at")
                    .strip();

            // when: rebuilt later, the world having moved on; then forced with --no-cache; then with the instruction
            // changed
            Build rebuilt = context.build(builder);
            String cachedRun =
                    Docker.runIn(rebuilt.imageId(), "cat", "/built-at").strip();
            String forcedRun = Docker.runIn(context.build(builder, "--no-cache").imageId(), "cat", "/built-at")
                    .strip();
            Build changed = context.dockerfile("FROM ${BASE}\n" + command + BuildContext.fresh("run, changed") + "\n")
                    .build(builder);
            String changedRun =
                    Docker.runIn(changed.imageId(), "cat", "/built-at").strip();

            // then
            assertThat(rebuilt.step("RUN").cached())
                    .as("the command string did not change, so RUN is not run again")
                    .isTrue();
            assertThat(cachedRun)
                    .as("and the image keeps the old result: stale")
                    .isEqualTo(firstRun);
            assertThat(forcedRun).as("--no-cache runs it again").isNotEqualTo(firstRun);
            assertThat(changed.step("RUN").cached())
                    .as("so does a changed instruction, with the cache on")
                    .isFalse();
            assertThat(changedRun).isNotEqualTo(firstRun).isNotEqualTo(forcedRun);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-7")
    void onceOneStepMissesEveryLaterStepIsRebuilt(Builder builder) {
        // given: COPY a.txt, a RUN that does not read it, COPY b.txt, built; when: only a.txt, copied by the first
        // step, changes
        Rebuilds.Cascade cascade = Rebuilds.cascade(builder);

        // then
        System.out.println(builder.label() + ": " + cascade.rebuilt().steps());
        assertThat(cascade.rebuilt().steps())
                .as("the changed COPY and every step after it are rebuilt, even those that do not use a.txt")
                .extracting(BuildStep::instruction)
                .containsExactly(
                        "COPY a.txt /a.txt", "RUN echo does not read a.txt > /independent", "COPY b.txt /b.txt");
        assertThat(cascade.rebuilt().steps()).noneMatch(BuildStep::cached);
        assertThat(cascade.check().kind())
                .as("the demo's check agrees: %s", cascade.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
