package interviewlab.dockerlayers;

import interviewlab.support.services.LabImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The real, small Java/Maven app the ordering and multi-stage stories build: demos/docker-layers/sample-app.
 *
 * <p>Containers on the project's machines cannot reach Maven Central (HTTPS fails inside them), so the app's
 * dependencies and plugins are resolved once on the host, by the project's Maven wrapper, into a repository the
 * build context carries ({@code m2/}); Maven in the image then works offline. Laptops take the same path.
 */
public final class SampleApp {
    /** The line a test edits: a one-line source change. */
    public static final String GREETING = "System.out.println(\"Hello, \" + name + \"!\");";

    private SampleApp() {}

    /** A build context holding the app, its repository of dependencies, and the Dockerfile given. */
    public static BuildContext context(String name, String dockerfile) {
        Path root = LabImages.projectRoot();
        return new BuildContext(name)
                .copyTree(root.resolve("demos/docker-layers/sample-app"), ".")
                .copyTree(repository(root), "m2")
                .dockerfile(dockerfile
                        .replace("${MAVEN}", LabImages.MAVEN.imageName())
                        .replace("${JRE}", LabImages.JRE.imageName()));
    }

    /** Edits one line of the app's source. */
    public static void editGreeting(BuildContext context, String greeting) {
        Path source = context.folder().resolve("src/main/java/hello/Hello.java");
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Files.writeString(
                    source, text.replace(GREETING, "System.out.println(\"" + greeting + ", \" + name + \"!\");"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The app's dependencies and plugins, resolved on the host once per checkout (module target/sample-app-m2).
     * Resolved into a scratch folder and moved into place whole, so a resolution cut short is never reused.
     */
    static synchronized Path repository(Path root) {
        Path repository = root.resolve("demos/docker-layers/target/sample-app-m2");
        if (Files.isDirectory(repository)) {
            return repository;
        }
        // A copy of the app, so its target/ never lands in the checkout.
        try (BuildContext scratch =
                new BuildContext("resolve").copyTree(root.resolve("demos/docker-layers/sample-app"), ".")) {
            // beside its final place, so the move is a rename; named by the process, so two JVMs never share one
            Path resolving = repository.resolveSibling(
                    "sample-app-m2.partial-" + ProcessHandle.current().pid());
            Commands.run(
                    List.of(
                            root.resolve("mvnw").toString(),
                            "-q",
                            "-B",
                            "-ntp",
                            "-Dmaven.repo.local=" + resolving,
                            "dependency:go-offline",
                            "package"),
                    Map.of(),
                    scratch.folder());
            try {
                Files.move(resolving, repository, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // another JVM (./lab test runs tests and the demo side by side) moved its resolution in first
                if (!Files.isDirectory(repository)) {
                    throw e;
                }
                BuildContext.deleteTree(resolving);
            }
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the sample app's repository in " + repository, e);
        }
    }
}
