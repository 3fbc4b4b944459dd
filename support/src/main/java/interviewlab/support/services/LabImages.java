package interviewlab.support.services;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The images ./lab setup builds, as images/images.table lists them (the image graph, one row per image) and tagged with
 * the versions of images/versions.env. Tests never pull: an image that is missing means setup has not run, and the
 * error says so.
 */
public enum LabImages {
    BASE("base"),
    REDIS("redis"),
    RABBITMQ("rabbitmq"),
    KAFKA("kafka"),
    NGINX("nginx"),
    JRE("jre"),
    /** The JDK and Maven, for building a Java app inside Docker. */
    MAVEN("maven");

    private static final Properties VERSIONS = readVersions();
    private static final Map<String, String> VERSION_VARIABLES = readVersionVariables();

    private final String name;

    LabImages(String name) {
        this.name = name;
    }

    /** The upstream version this image runs, as pinned in images/versions.env. */
    public String version() {
        String variable = VERSION_VARIABLES.get(name);
        if (variable == null || VERSIONS.getProperty(variable) == null) {
            throw new IllegalStateException("images/images.table has no row for " + name
                    + ", or images/versions.env does not set its version variable");
        }
        return VERSIONS.getProperty(variable);
    }

    /** The image's full name, for example {@code interview-lab/redis:8.0.2}. */
    public String imageName() {
        return VERSIONS.getProperty("LAB_IMAGE_PREFIX") + "/" + name + ":" + version();
    }

    /** The project's root: the nearest folder, from the working directory up, that holds images/versions.env. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("images/versions.env"))) {
                return dir;
            }
        }
        throw new IllegalStateException("images/versions.env not found above "
                + Path.of("").toAbsolutePath() + ": run this from inside the Interview Lab checkout");
    }

    private static Properties readVersions() {
        Properties versions = new Properties();
        try (Reader reader = Files.newBufferedReader(projectRoot().resolve("images/versions.env"))) {
            versions.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read images/versions.env", e);
        }
        return versions;
    }

    /** Each image's version variable: the third column of its row in images/images.table. */
    private static Map<String, String> readVersionVariables() {
        try {
            return Files.readAllLines(projectRoot().resolve("images/images.table")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .peek(row -> {
                        if (row.length < 3) {
                            throw new IllegalStateException("images/images.table: the row of " + row[0]
                                    + " needs a parent and a version variable");
                        }
                    })
                    .collect(Collectors.toMap(row -> row[0], row -> row[2]));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read images/images.table", e);
        }
    }
}
