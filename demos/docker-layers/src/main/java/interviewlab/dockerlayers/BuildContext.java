package interviewlab.dockerlayers;

import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A build context in a temporary folder: a Dockerfile and the files it copies, which a test writes, touches and
 * edits between builds. Its images are named after it, the builder and the run, so runs never share a tag.
 */
public final class BuildContext implements AutoCloseable {
    /** The lab's Debian base: every Dockerfile here starts FROM it, so nothing is pulled. */
    public static final String BASE = LabImages.BASE.imageName();

    private final String name;
    private final Path folder;

    public BuildContext(String name) {
        this.name = name;
        try {
            this.folder = Files.createTempDirectory("docker-layers-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the Dockerfile; {@code BASE} in it stands for the lab's base image. */
    public BuildContext dockerfile(String text) {
        return file("Dockerfile", text.replace("${BASE}", BASE));
    }

    public BuildContext file(String path, String content) {
        try {
            Path file = folder.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the file's modification time and nothing else. */
    public BuildContext touch(String path) {
        try {
            Path file = folder.resolve(path);
            Files.setLastModifiedTime(
                    file,
                    FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(3600)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the file's permissions and nothing else, for example to {@code "rw-------"}. */
    public BuildContext permissions(String path, String permissions) {
        try {
            Files.setPosixFilePermissions(folder.resolve(path), PosixFilePermissions.fromString(permissions));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder of the module's sources (a sample app) into the context. */
    public BuildContext copyTree(Path source, String target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = folder.resolve(target).resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** Text no earlier build has seen: BuildKit keeps its cache across runs, keyed on content, so an edit must be new to it. */
    public static String fresh(String text) {
        return text + " " + UUID.randomUUID();
    }

    /** This context's image for the builder, tagged with the run. */
    public String image(Builder builder) {
        return image(builder.name().toLowerCase(Locale.ROOT));
    }

    /** This context's image as a builder named so made it (Testcontainers, say), tagged with the run. */
    public String image(String builderName) {
        return "interview-lab/layers-" + name + ":" + builderName + "-" + LabContainer.RUN;
    }

    public Build build(Builder builder, String... options) {
        return Docker.build(builder, folder, image(builder), options);
    }

    @Override
    public void close() {
        deleteTree(folder);
    }

    /** Deletes a folder and everything in it. */
    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
