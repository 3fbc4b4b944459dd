package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A context with app.txt and notes.txt, where .dockerignore lists notes.txt, built with {@code COPY . /ctx}. */
class DockerignoreTest {

    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-9")
    void anIgnoredFileNeitherReachesTheImageNorInvalidatesCopyAll(Builder builder) {
        try (BuildContext context = new BuildContext("dockerignore")
                .file(".dockerignore", "notes.txt\n")
                .file("app.txt", BuildContext.fresh("app 1") + "\n")
                .file("notes.txt", BuildContext.fresh("notes 1") + "\n")
                .dockerfile("FROM ${BASE}\nCOPY . /ctx\n")) {
            String image =
                    context.build(builder, "--no-cache").imageId(); // this build's image, whatever later builds tag

            // when: the ignored file changes, then a file that is not ignored
            Build ignoredEdited = context.file("notes.txt", BuildContext.fresh("notes 2") + "\n")
                    .build(builder);
            Build appEdited =
                    context.file("app.txt", BuildContext.fresh("app 2") + "\n").build(builder);

            // then
            assertThat(Docker.runIn(image, "ls", "-A", "/ctx"))
                    .as("the ignored file never reached the image")
                    .doesNotContain("notes.txt")
                    .contains("app.txt");
            assertThat(ignoredEdited.step("COPY").cached())
                    .as("editing it does not invalidate COPY . (it is not in the context)")
                    .isTrue();
            assertThat(appEdited.step("COPY").cached())
                    .as("editing a file that is copied does (the control)")
                    .isFalse();
        }
    }
}
