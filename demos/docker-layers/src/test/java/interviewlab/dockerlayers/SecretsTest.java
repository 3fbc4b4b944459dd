package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import interviewlab.support.observed.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        // given / when: the secret copied in one layer and removed in the next
        DeletedFile.Result result = DeletedFile.build(builder, SECRET);

        // then
        assertThat(result.inContainer()).as("a container does not see the file").isEqualTo("absent");
        assertThat(result.layersWithSecret())
                .as("but docker save hands it to anyone: it is in the COPY layer")
                .containsExactly(BASE_LAYERS);
        assertThat(result.copyLayerFile()).hasValue(SECRET + "\n");
        assertThat(result.rmLayerPaths())
                .as("the RUN rm layer holds a whiteout that hides it")
                .contains(".wh.secret.txt");
        assertThat(result.check().kind())
                .as("the demo's check agrees: %s", result.check())
                .isEqualTo(Verdict.Kind.SHOWN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Builder.class)
    @Claim("DL-11")
    void argAndEnvValuesAreWrittenIntoTheImage(Builder builder) {
        try (BuildContext context = new BuildContext("arg-env")
                .dockerfile("FROM ${BASE}\nARG TOKEN\n"
                        + "RUN echo this command does not even read the token > /dev/null\nRUN echo nor does this one > /dev/null\n"
                        + "ENV API_KEY=" + SECRET + "-env\n")) {
            // given / when: a secret passed as a build argument, and one set with ENV
            String image = context.build(builder, "--build-arg", "TOKEN=" + SECRET + "-arg")
                    .imageId();

            // then
            assertThat(Docker.history(image))
                    .as("each of the two RUNs after the ARG records its value in the history")
                    .filteredOn(entry -> entry.contains("TOKEN=" + SECRET + "-arg"))
                    .hasSize(2);
            String environment = Docker.inspect(image, "{{json .Config.Env}}");
            assertThat(environment)
                    .as("ENV is in the image config, for every container and every reader")
                    .contains("API_KEY=" + SECRET + "-env");
            assertThat(environment)
                    .as("an ARG is not in the image's environment (its value is in the history instead)")
                    .doesNotContain("TOKEN");
        }
    }

    @Test
    @Claim("DL-12")
    void aBuildKitSecretMountLeavesNothingInAnyLayerOrTheHistory() {
        try (BuildContext context = new BuildContext("secret-mount")
                .file("token.txt", SECRET)
                .dockerfile(
                        "FROM ${BASE}\nRUN --mount=type=secret,id=token sha256sum /run/secrets/token > /token.sha256\n")) {
            // given / when: the secret mounted for one RUN only (the file is in the context folder but never COPY'd);
            // --no-cache, because BuildKit leaves a secret out of the cache key: a cached RUN would not read it
            Path token = context.folder().resolve("token.txt");
            String image = context.build(Builder.BUILDKIT, "--no-cache", "--secret", "id=token,src=" + token)
                    .imageId();

            // then
            String expected = sha256(SECRET);
            assertThat(Docker.runIn(image, "cat", "/token.sha256"))
                    .as("the RUN read the secret")
                    .startsWith(expected);
            SavedImage saved = Docker.save(image);
            assertThat(saved.layersContaining(expected))
                    .as("the layer it wrote is in the saved image (the control)")
                    .containsExactly(BASE_LAYERS);
            assertThat(saved.layersContaining(SECRET))
                    .as("the secret itself is in no layer")
                    .isEmpty();
            List<String> history = Docker.history(image);
            assertThat(String.join("\n", history) + Docker.inspect(image, "{{json .Config}}"))
                    .as("neither the history nor the config mentions it")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    @Claim("DL-12")
    void aChangedSecretDoesNotRerunACachedRun() {
        String rotated = BuildContext.fresh("rotated").replace(' ', '-');
        // The marker makes the RUN this run's own: no earlier run's cached result can answer for its first build.
        try (BuildContext context = new BuildContext("secret-cache")
                .file("token.txt", SECRET)
                .dockerfile(
                        "FROM ${BASE}\nRUN --mount=type=secret,id=token sha256sum /run/secrets/token > /token.sha256 # "
                                + BuildContext.fresh("secret-cache") + "\n")) {
            String secretOption = "id=token,src=" + context.folder().resolve("token.txt");
            // given: built with the first secret, the cache on
            Build first = context.build(Builder.BUILDKIT, "--secret", secretOption);

            // when: the secret changes (same id, new value) and the same Dockerfile is built again, the cache on
            Build rebuilt = context.file("token.txt", rotated).build(Builder.BUILDKIT, "--secret", secretOption);

            // then
            assertThat(first.step("RUN").cached())
                    .as("the first build ran the RUN")
                    .isFalse();
            assertThat(Docker.runIn(first.imageId(), "cat", "/token.sha256"))
                    .as("which read the first secret")
                    .startsWith(sha256(SECRET));
            assertThat(rebuilt.step("RUN").cached())
                    .as("a changed secret does not rerun the cached RUN: the secret is not in its cache key")
                    .isTrue();
            assertThat(Docker.runIn(rebuilt.imageId(), "cat", "/token.sha256"))
                    .as("so the image holds what the RUN wrote from the first secret")
                    .startsWith(sha256(SECRET))
                    .doesNotContain(sha256(rotated));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
