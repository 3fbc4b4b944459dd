package interviewlab.support.services;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The images ./lab setup builds, named from images/versions.env, the one place their versions live.
 * Tests never pull: an image that is missing means setup has not run, and the error says so.
 */
public enum LabImages {
    BASE("base", "DEBIAN_VERSION"),
    REDIS("redis", "REDIS_VERSION"),
    RABBITMQ("rabbitmq", "RABBITMQ_VERSION"),
    KAFKA("kafka", "KAFKA_VERSION"),
    NGINX("nginx", "NGINX_VERSION"),
    JRE("jre", "JAVA_VERSION"),
    /** The JDK and Maven, for building a Java app inside Docker. */
    MAVEN("maven", "MAVEN_VERSION");

    private static final Properties VERSIONS = readVersions();

    private final String name;
    private final String versionKey;

    LabImages(String name, String versionKey) {
        this.name = name;
        this.versionKey = versionKey;
    }

    /** The upstream version this image runs, as pinned in images/versions.env. */
    public String version() {
        return VERSIONS.getProperty(versionKey);
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
}
