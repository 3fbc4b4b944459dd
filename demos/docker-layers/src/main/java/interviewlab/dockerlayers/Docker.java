package interviewlab.dockerlayers;

import interviewlab.support.services.LabContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker command line, as a reader would type it: the topic is about what {@code docker build} does, so
 * the tests build with the real client and both builders, and read images back with {@code docker image
 * inspect}, {@code docker history} and {@code docker save}. Every image it builds is labelled with the run
 * ({@link LabContainer#RUN}), so ./lab removes what a dead run left, and {@link #removeImagesOfThisRun()} the rest.
 */
public final class Docker {
    /** Set by ./lab: a docker client that builds with BuildKit (one with buildx, or one older than 23). */
    static final String BUILDKIT_CLIENT_VARIABLE = "LAB_BUILDKIT_DOCKER";
    /** The same client, for tests run from Maven or an IDE: ./lab setup writes its name here. */
    private static final Path BUILDKIT_CLIENT_FOUND_BY_SETUP =
            Path.of(System.getProperty("user.home"), ".interview-lab", "buildkit-docker");

    private static final Pattern SIZE = Pattern.compile("([0-9.]+)([kMG]?B)");

    private Docker() {}

    /** Builds the context's Dockerfile into the image, with the builder; {@code options} are more {@code docker build} flags. */
    public static Build build(Builder builder, Path context, String image, String... options) {
        Path idFile = context.resolveSibling(context.getFileName() + ".iid");
        List<String> command = new ArrayList<>(List.of(
                client(builder),
                "build",
                "--label",
                LabContainer.RUN_LABEL + "=" + LabContainer.RUN,
                "-t",
                image,
                "--iidfile",
                idFile.toString()));
        if (builder == Builder.BUILDKIT) {
            command.add("--progress=plain");
        }
        command.addAll(Arrays.asList(options));
        command.add(context.toString());
        long start = System.nanoTime();
        String output = run(builder, command);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        try {
            String id = Files.readString(idFile).strip();
            Files.delete(idFile);
            return Build.parse(builder, id, output, took);
        } catch (IOException e) {
            throw new UncheckedIOException("the build wrote no image id", e);
        }
    }

    /** The version of the docker client that builds with the builder, for example "20.10.24+dfsg1". */
    public static String clientVersion(Builder builder) {
        return run(null, List.of(client(builder), "version", "--format", "{{.Client.Version}}"))
                .strip();
    }

    /** The image's filesystem layers, as the digests of their contents (RootFS.Layers), bottom first. */
    public static List<String> layers(String image) {
        return lines(run(
                null,
                List.of("docker", "image", "inspect", "-f", "{{range .RootFS.Layers}}{{println .}}{{end}}", image)));
    }

    /** The image's history, newest first: one line per instruction, "size<TAB>created by". */
    public static List<String> history(String image) {
        return lines(run(
                null,
                List.of("docker", "image", "history", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", image)));
    }

    /** A field of the image's inspect data, by Go template, for example {@code "{{.Config.Env}}"} or {@code "{{.Size}}"}. */
    public static String inspect(String image, String template) {
        return run(null, List.of("docker", "image", "inspect", "-f", template, image))
                .strip();
    }

    /** Runs a command in a new container of the image and returns what it printed; the container is removed. */
    public static String runIn(String image, String... command) {
        List<String> line = new ArrayList<>(
                List.of("docker", "run", "--rm", "--label", LabContainer.RUN_LABEL + "=" + LabContainer.RUN, image));
        line.addAll(Arrays.asList(command));
        return run(null, line);
    }

    /** {@code docker save}: the image as the engine stores it, layer by layer. */
    public static SavedImage save(String image) {
        try {
            Path saved = Files.createTempFile("docker-save-", ".tar");
            try {
                run(null, List.of("docker", "image", "save", "-o", saved.toString(), image));
                return SavedImage.read(saved);
            } finally {
                Files.deleteIfExists(saved);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read docker save of " + image, e);
        }
    }

    /** An image's disk use as the engine accounts it: bytes in layers other images also use, and bytes only it uses. */
    public record DiskUsage(long sharedBytes, long uniqueBytes) {}

    /** {@code docker system df -v}: each tagged image's shared and unique bytes, by image name. */
    public static Map<String, DiskUsage> diskUsage() {
        String report = run(
                null,
                List.of(
                        "docker",
                        "system",
                        "df",
                        "-v",
                        "--format",
                        "{{range .Images}}{{.Repository}}:{{.Tag}} {{.SharedSize}} {{.UniqueSize}};{{end}}"));
        Map<String, DiskUsage> usage = new HashMap<>();
        for (String image : report.split(";")) {
            String[] fields = image.strip().split(" ");
            if (fields.length == 3) {
                usage.put(fields[0], new DiskUsage(bytes(fields[1]), bytes(fields[2])));
            }
        }
        return usage;
    }

    /** "593.8MB" as bytes: docker prints sizes in units of 1,000. */
    private static long bytes(String size) {
        Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        long unit = switch (matcher.group(2)) {
            case "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        return Math.round(Double.parseDouble(matcher.group(1)) * unit);
    }

    /** Removes every image this run built (labelled with it). */
    public static void removeImagesOfThisRun() {
        List<String> images = lines(run(
                null,
                List.of(
                        "docker",
                        "image",
                        "ls",
                        "-q",
                        "--filter",
                        "label=" + LabContainer.RUN_LABEL + "=" + LabContainer.RUN)));
        if (!images.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "image", "rm", "-f"));
            command.addAll(images.stream().distinct().toList());
            run(null, command);
        }
    }

    private static String client(Builder builder) {
        if (builder == Builder.CLASSIC) {
            return "docker";
        }
        String client = System.getenv(BUILDKIT_CLIENT_VARIABLE);
        if (client != null && !client.isBlank()) {
            return client;
        }
        try {
            return Files.readString(BUILDKIT_CLIENT_FOUND_BY_SETUP).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no docker client that builds with BuildKit: ./lab setup looks for one and"
                    + " names it in " + BUILDKIT_CLIENT_FOUND_BY_SETUP + "; where it finds none, install the buildx"
                    + " plugin");
        }
    }

    /** Runs the command, with the builder chosen by DOCKER_BUILDKIT when building; fails with its output if it exits non-zero. */
    private static String run(Builder builder, List<String> command) {
        Map<String, String> environment =
                builder == null ? Map.of() : Map.of("DOCKER_BUILDKIT", builder == Builder.BUILDKIT ? "1" : "0");
        return Commands.run(command, environment, null);
    }

    private static List<String> lines(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
