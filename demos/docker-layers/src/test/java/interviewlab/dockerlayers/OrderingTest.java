package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
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
        // given: both orders built; when: one line of source changes (to a greeting no earlier build has seen), and
        // both are rebuilt
        DependencyOrder.Result result = DependencyOrder.run();
        Build good = result.manifestFirst().rebuild();
        Build bad = result.sourcesFirst().rebuild();

        // then (the times are printed, not compared: the cache hits are the proof, and the demo measures)
        System.out.printf(
                "rebuild after a one-line edit: manifest first %d ms, sources first %d ms%n",
                good.took().toMillis(), bad.took().toMillis());
        assertThat(good.step(DependencyOrder.DEPENDENCY_STEP).cached())
                .as("manifest first: the dependency step only depends on pom.xml, which did not change: cached")
                .isTrue();
        assertThat(bad.step(DependencyOrder.DEPENDENCY_STEP).cached())
                .as("sources first: the source edit comes before the dependency step, which runs again")
                .isFalse();
        assertThat(result.editedRun())
                .as("and the image runs the edited code")
                .contains(result.greeting() + ", interviewer!");
        assertThat(result.check().kind())
                .as("the demo's check agrees: %s", result.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }
}
