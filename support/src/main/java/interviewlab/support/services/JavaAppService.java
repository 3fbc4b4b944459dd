package interviewlab.support.services;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.awaitility.core.ThrowingRunnable;
import org.testcontainers.utility.MountableFile;

/**
 * One of the project's own small programs (a receiver, an HTTP service), run on the lab's JRE image.
 *
 * <p>The classes come from where the main class was loaded (a module's target/classes or test-classes);
 * libraries it needs are added with {@link #withLibrariesOf(Class...)}. Ready when the probe given succeeds.
 */
public final class JavaAppService extends LabContainer<JavaAppService> {
    private ThrowingRunnable readinessProbe = () -> {
        throw new IllegalStateException(
                "no readiness probe: call withReadinessProbe with a call that succeeds once the app works");
    };

    public JavaAppService(String serviceName, Class<?> mainClass, String... args) {
        super(LabImages.JRE, serviceName);
        withCopyToContainer(MountableFile.forHostPath(codeSource(mainClass)), "/app/classes");
        withCommand(javaCommand(mainClass, args));
    }

    /** The command that runs a main class of the app's code in its container: the container's own, or another one to exec. */
    public static String[] javaCommand(Class<?> mainClass, String... args) {
        String[] command = new String[4 + args.length];
        command[0] = "java";
        command[1] = "-cp";
        command[2] = "/app/classes:/app/lib/*";
        command[3] = mainClass.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return command;
    }

    /** Adds the jars that hold these classes (a client library and what it needs) to the app's classpath. */
    public JavaAppService withLibrariesOf(Class<?>... libraryClasses) {
        for (Class<?> libraryClass : libraryClasses) {
            Path jar = codeSource(libraryClass);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(libraryClass + " is not loaded from a jar but from " + jar);
            }
            withCopyToContainer(MountableFile.forHostPath(jar), "/app/lib/" + jar.getFileName());
        }
        return self();
    }

    /** The call that succeeds once the app can do its work, for example an HTTP GET on its mapped port. */
    public JavaAppService withReadinessProbe(ThrowingRunnable probe) {
        this.readinessProbe = probe;
        return self();
    }

    @Override
    protected void probe() throws Throwable {
        readinessProbe.run();
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot locate the classes of " + type, e);
        }
    }
}
