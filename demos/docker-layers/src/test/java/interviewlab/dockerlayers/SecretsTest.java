package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where a secret used during a build ends up: each story reads the image back as anyone who can pull it would. */
class SecretsTest {
    private static final String SECRET = "s3cr3t-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final int BASE_LAYERS = Docker.layers(BuildContext.BASE).size();

    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-10")
    void aFileDeletedInALaterLayerIsInvisibleButStillInTheImage(Builder builder) {
        try (BuildContext context = new BuildContext("deleted").file("secret.txt", SECRET + "\n")
                .dockerfile("FROM ${BASE}\nCOPY secret.txt /secret.txt\nRUN rm /secret.txt\n")) {
            // given / when: the secret copied in one layer and removed in the next
            String image = context.build(builder).image();

            // then
            assertThat(Docker.runIn(image, "sh", "-c", "test -e /secret.txt && echo present || echo absent").strip())
                    .as("a container does not see the file").isEqualTo("absent");
            SavedImage saved = Docker.save(image);
            assertThat(saved.layersContaining(SECRET)).as("but docker save hands it to anyone: it is in the COPY layer")
                    .containsExactly(BASE_LAYERS);
            assertThat(saved.content(BASE_LAYERS, "secret.txt")).isEqualTo(SECRET + "\n");
            assertThat(saved.paths(BASE_LAYERS + 1)).as("the RUN rm layer holds only a whiteout that hides it").contains(".wh.secret.txt");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-11")
    void argAndEnvValuesAreWrittenIntoTheImage(Builder builder) {
        try (BuildContext context = new BuildContext("arg-env")
                .dockerfile("FROM ${BASE}\nARG TOKEN\nRUN echo uses the token > /dev/null\nENV API_KEY=" + SECRET + "-env\n")) {
            // given / when: a secret passed as a build argument, and one set with ENV
            String image = context.build(builder, "--build-arg", "TOKEN=" + SECRET + "-arg").image();

            // then
            assertThat(String.join("\n", Docker.history(image))).as("the RUN that saw the ARG records its value in the history")
                    .contains("TOKEN=" + SECRET + "-arg");
            assertThat(Docker.inspect(image, "{{.Config.Env}}")).as("ENV is in the image config, for every container and every reader")
                    .contains("API_KEY=" + SECRET + "-env");
        }
    }

    @Test
    @Claim("DL-12")
    void aBuildKitSecretMountLeavesNothingInAnyLayerOrTheHistory() {
        try (BuildContext context = new BuildContext("secret-mount").file("token.txt", SECRET)
                .dockerfile("FROM ${BASE}\nRUN --mount=type=secret,id=token sha256sum /run/secrets/token > /token.sha256\n")) {
            // given / when: the secret mounted for one RUN only (the file is in the context folder but never COPY'd)
            Path token = context.folder().resolve("token.txt");
            String image = context.build(Builder.BUILDKIT, "--secret", "id=token,src=" + token).image();

            // then
            SavedImage saved = Docker.save(image);
            assertThat(Docker.runIn(image, "cat", "/token.sha256")).as("the RUN used the secret").contains("/run/secrets/token");
            assertThat(saved.layersContaining(SECRET)).as("no layer holds it").isEmpty();
            List<String> history = Docker.history(image);
            assertThat(String.join("\n", history) + Docker.inspect(image, "{{json .Config}}")).as("neither the history nor the config mentions it")
                    .doesNotContain(SECRET);
        }
    }
}
