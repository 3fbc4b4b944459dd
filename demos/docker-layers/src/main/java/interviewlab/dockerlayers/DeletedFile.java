package interviewlab.dockerlayers;

import interviewlab.support.observed.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A secret copied in one layer and removed in the next ({@code COPY secret.txt}, then {@code RUN rm}), read back as
 * a container sees it and as anyone with the image can: with {@code docker save}. SecretsTest proves DL-10 with it,
 * and the demo shows it.
 */
public final class DeletedFile {
    private DeletedFile() {}

    /**
     * What one builder's image showed.
     *
     * @param inContainer what {@code test -e /secret.txt} said in a container: "present" or "absent"
     * @param layersWithSecret the saved layers (0 at the bottom) that hold a file with the secret in it
     * @param copyLayerFile secret.txt as the COPY layer, the one above the base's, holds it
     * @param rmLayerPaths the paths in the layer above that one, RUN rm's
     */
    public record Result(
            Builder builder,
            String secret,
            int baseLayers,
            String inContainer,
            List<Integer> layersWithSecret,
            Optional<String> copyLayerFile,
            List<String> rmLayerPaths) {
        public Verdict check() {
            boolean holds = inContainer.equals("absent")
                    && layersWithSecret.equals(List.of(baseLayers))
                    && copyLayerFile.equals(Optional.of(secret + "\n"))
                    && rmLayerPaths.contains(".wh.secret.txt");
            return Verdict.holdsIf(
                    holds,
                    "DL-10",
                    String.format(
                            Locale.ROOT,
                            "%s: a container finds no /secret.txt, yet docker save hands out layer %d with secret.txt in it "
                                    + "(\"%s\") and layer %d with the whiteout that hides it, %s",
                            builder.label(),
                            baseLayers,
                            secret,
                            baseLayers + 1,
                            rmLayerPaths),
                    String.format(
                            Locale.ROOT,
                            "%s: a container says /secret.txt is %s; the secret is in saved layers %s; layer %d holds %s, "
                                    + "where the file should be hidden, in layer %d, and hidden by a whiteout above it",
                            builder.label(),
                            inContainer,
                            layersWithSecret,
                            baseLayers + 1,
                            rmLayerPaths,
                            baseLayers));
        }
    }

    public static Result build(Builder builder, String secret) {
        try (BuildContext context = new BuildContext("deleted")
                .file("secret.txt", secret + "\n")
                .dockerfile("FROM ${BASE}\nCOPY secret.txt /secret.txt\nRUN rm /secret.txt\n")) {
            String image = context.build(builder).imageId();
            int baseLayers = Docker.layers(BuildContext.BASE).size();
            String inContainer = Docker.runIn(image, "sh", "-c", "test -e /secret.txt && echo present || echo absent")
                    .strip();
            SavedImage saved = Docker.save(image);
            Optional<String> copied = saved.paths(baseLayers).contains("secret.txt")
                    ? Optional.of(saved.content(baseLayers, "secret.txt"))
                    : Optional.empty();
            return new Result(
                    builder,
                    secret,
                    baseLayers,
                    inContainer,
                    saved.layersContaining(secret),
                    copied,
                    saved.paths(baseLayers + 1));
        }
    }
}
