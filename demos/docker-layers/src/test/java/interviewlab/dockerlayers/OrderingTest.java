package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The sample app (Maven, one dependency) built in two orders, then rebuilt after a one-line source change. The
 * dependency step is {@code mvn dependency:go-offline}; here it resolves from the repository the context carries,
 * which makes it shorter than a real download, so the difference measured is a lower bound.
 */
class OrderingTest {
    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @Test
    @Claim("DL-8")
    void copyingTheManifestBeforeTheSourcesKeepsTheDependencyStepCachedAcrossASourceEdit() {
        try (BuildContext manifestFirst = SampleApp.context("manifest-first", Dockerfiles.MANIFEST_FIRST);
             BuildContext sourcesFirst = SampleApp.context("sources-first", Dockerfiles.SOURCES_FIRST)) {
            // given: both orders built
            manifestFirst.build(Builder.BUILDKIT);
            sourcesFirst.build(Builder.BUILDKIT);

            // when: one line of source changes (to a greeting no earlier build has seen), and both are rebuilt
            String greeting = BuildContext.fresh("Hi");
            SampleApp.editGreeting(manifestFirst, greeting);
            SampleApp.editGreeting(sourcesFirst, greeting);
            Build good = manifestFirst.build(Builder.BUILDKIT);
            Build bad = sourcesFirst.build(Builder.BUILDKIT);

            // then (the times are printed, not compared: the cache hits are the proof, and the demo measures)
            System.out.printf("rebuild after a one-line edit: manifest first %d ms, sources first %d ms%n", good.took().toMillis(), bad.took().toMillis());
            assertThat(good.step("RUN mvn -o -B -q dependency:go-offline").cached())
                    .as("manifest first: the dependency step only depends on pom.xml, which did not change: cached").isTrue();
            assertThat(bad.step("RUN mvn -o -B -q dependency:go-offline").cached())
                    .as("sources first: the source edit comes before the dependency step, which runs again").isFalse();
            assertThat(Docker.runIn(good.imageId(), "java", "-cp", Dockerfiles.BUILD_STAGE_CLASSPATH, "hello.Hello"))
                    .as("and the image runs the edited code").contains(greeting + ", interviewer!");
        }
    }
}
