package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where a secret used during a build ends up: each story reads the image back as anyone who can pull it would. */
class SecretsTest {
    private static final String SECRET = BuildContext.fresh("s3cr3t").replace(' ', '-');
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
            String image = context.build(builder).imageId();

            // then
            assertThat(Docker.runIn(image, "sh", "-c", "test -e /secret.txt && echo present || echo absent").strip())
                    .as("a container does not see the file").isEqualTo("absent");
            SavedImage saved = Docker.save(image);
            assertThat(saved.layersContaining(SECRET)).as("but docker save hands it to anyone: it is in the COPY layer")
                    .containsExactly(BASE_LAYERS);
            assertThat(saved.content(BASE_LAYERS, "secret.txt")).isEqualTo(SECRET + "\n");
            assertThat(saved.paths(BASE_LAYERS + 1)).as("the RUN rm layer holds a whiteout that hides it").contains(".wh.secret.txt");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-11")
    void argAndEnvValuesAreWrittenIntoTheImage(Builder builder) {
        try (BuildContext context = new BuildContext("arg-env")
                .dockerfile("FROM ${BASE}\nARG TOKEN\nRUN echo this command does not even read the token > /dev/null\nENV API_KEY=" + SECRET + "-env\n")) {
            // given / when: a secret passed as a build argument, and one set with ENV
            String image = context.build(builder, "--build-arg", "TOKEN=" + SECRET + "-arg").imageId();

            // then
            assertThat(String.join("\n", Docker.history(image))).as("every RUN after the ARG records its value in the history")
                    .contains("TOKEN=" + SECRET + "-arg");
            assertThat(Docker.inspect(image, "{{.Config.Env}}")).as("ENV is in the image config, for every container and every reader")
                    .contains("API_KEY=" + SECRET + "-env");
        }
    }

    @Test
    @Claim("DL-12")
    void aBuildKitSecretMountLeavesNothingInAnyLayerOrTheHistory() throws Exception {
        try (BuildContext context = new BuildContext("secret-mount").file("token.txt", SECRET)
                .dockerfile("FROM ${BASE}\nRUN --mount=type=secret,id=token sha256sum /run/secrets/token > /token.sha256\n")) {
            // given / when: the secret mounted for one RUN only (the file is in the context folder but never COPY'd);
            // --no-cache, because BuildKit leaves a secret out of the cache key: a cached RUN would not read it
            Path token = context.folder().resolve("token.txt");
            String image = context.build(Builder.BUILDKIT, "--no-cache", "--secret", "id=token,src=" + token).imageId();

            // then
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8)));
            assertThat(Docker.runIn(image, "cat", "/token.sha256")).as("the RUN read the secret").startsWith(expected);
            SavedImage saved = Docker.save(image);
            assertThat(saved.layersContaining(expected)).as("the layer it wrote is in the saved image (the control)").containsExactly(BASE_LAYERS);
            assertThat(saved.layersContaining(SECRET)).as("the secret itself is in no layer").isEmpty();
            List<String> history = Docker.history(image);
            assertThat(String.join("\n", history) + Docker.inspect(image, "{{json .Config}}")).as("neither the history nor the config mentions it")
                    .doesNotContain(SECRET);
        }
    }
}
