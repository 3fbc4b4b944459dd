package interviewlab.dockerlayers;

import interviewlab.support.observed.Verdict;
import java.util.Locale;

/**
 * The sample app (Maven, one dependency) built in two orders, each first with --no-cache, then rebuilt after a
 * one-line source change. The dependency step resolves from the repository the context carries, which makes it
 * shorter than a real download, so the difference measured is a lower bound. OrderingTest proves DL-8 with it,
 * and the demo shows it.
 */
public final class DependencyOrder {
    public static final String DEPENDENCY_STEP = "RUN mvn -o -B -q dependency:go-offline";

    private DependencyOrder() {}

    /** One order's first build and its rebuild after the edit. */
    public record Order(String name, Build first, Build rebuild) {
        public boolean dependencyStepCached() {
            return rebuild.step(DEPENDENCY_STEP).cached();
        }
    }

    /**
     * @param greeting the edited line's new greeting, which no earlier build has seen
     * @param editedRun what the manifest-first image printed after the rebuild
     */
    public record Result(String greeting, Order manifestFirst, Order sourcesFirst, String editedRun) {
        public boolean runsTheEdit() {
            return editedRun.contains(greeting + ", interviewer!");
        }

        public Verdict check() {
            boolean holds =
                    manifestFirst.dependencyStepCached() && !sourcesFirst.dependencyStepCached() && runsTheEdit();
            return Verdict.holdsIf(
                    holds,
                    "DL-8",
                    String.format(
                            Locale.ROOT,
                            "after a one-line source edit, manifest first kept the dependency step cached and rebuilt in %s "
                                    + "(first build %s), running the edited code; sources first ran it again and rebuilt in %s (first build %s)",
                            manifestFirst.rebuild().time(),
                            manifestFirst.first().time(),
                            sourcesFirst.rebuild().time(),
                            sourcesFirst.first().time()),
                    String.format(
                            Locale.ROOT,
                            "after a one-line source edit, the dependency step was %s manifest first and %s sources first, and "
                                    + "the manifest-first image %s the edit, where it should be cached, run again, and run the edit",
                            manifestFirst.dependencyStepCached() ? "cached" : "run again",
                            sourcesFirst.dependencyStepCached() ? "cached" : "run again",
                            runsTheEdit() ? "runs" : "does not run"));
        }
    }

    public static Result run() {
        String greeting = BuildContext.fresh("Hi");
        try (BuildContext manifestFirst = SampleApp.context("manifest-first", Dockerfiles.MANIFEST_FIRST);
                BuildContext sourcesFirst = SampleApp.context("sources-first", Dockerfiles.SOURCES_FIRST)) {
            Order good = order("manifest first", manifestFirst, greeting);
            Order bad = order("sources first", sourcesFirst, greeting);
            String editedRun = Docker.runIn(
                    good.rebuild().imageId(), "java", "-cp", Dockerfiles.BUILD_STAGE_CLASSPATH, "hello.Hello");
            return new Result(greeting, good, bad, editedRun);
        }
    }

    private static Order order(String name, BuildContext context, String greeting) {
        Build first = context.build(Builder.BUILDKIT, "--no-cache");
        SampleApp.editGreeting(context, greeting);
        return new Order(name, first, context.build(Builder.BUILDKIT));
    }
}
