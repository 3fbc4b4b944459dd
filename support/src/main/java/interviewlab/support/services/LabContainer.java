package interviewlab.support.services;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

/**
 * A container started from one of the lab's images, that the lab's faults can break and mend.
 *
 * <p>It carries the lab's label (so ./lab can sweep it where Ryuk is missing), has NET_ADMIN (so packet loss
 * and network cuts can be made with iptables inside it), and is ready only when its probe, a real client call,
 * succeeds. After a restart its host ports change: {@link #getMappedPort(int)} always answers with the current one.
 */
public abstract class LabContainer<SELF extends LabContainer<SELF>> extends GenericContainer<SELF> {
    /**
     * The label ./lab sweeps by, valued with the run that started the container ({@code LAB_RUN}, set by ./lab),
     * so one run never removes another's; Testcontainers' own labels would also match other projects' containers.
     */
    public static final String RUN_LABEL = "interview-lab.run";
    /**
     * This JVM's run: the ./lab run (or job of one) that started it, or "outside-lab" (an IDE, plain mvn), which only
     * ./lab clean removes; a test JVM adds its fork's number (lab.fork, set by Surefire), so test classes running
     * side by side in two JVMs each see only their own containers.
     */
    public static final String RUN = Objects.requireNonNullElse(System.getenv("LAB_RUN"), "outside-lab")
            + (System.getProperty("lab.fork") == null ? "" : "-" + System.getProperty("lab.fork"));

    /** Where containers' logs go, relative to the module the JVM runs in; one file per container, numbered. */
    private static final Path LOGS = Path.of("target", "container-logs", RUN);

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final String imageName;
    private final Path logFile;
    private final String serviceName;
    private final ProbeWaitStrategy readiness;
    private InspectContainerResponse infoAfterRestart;

    protected LabContainer(LabImages image, String serviceName) {
        this(DockerImageName.parse(image.imageName()), serviceName);
    }

    /** For an image by name: the toolkit's own test of a missing image. */
    LabContainer(DockerImageName image, String serviceName) {
        super(image);
        this.imageName = image.asCanonicalNameString();
        this.serviceName = serviceName;
        this.readiness = new ProbeWaitStrategy(serviceName, this::probe);
        this.logFile = LOGS.resolve(serviceName + "-" + CONTAINERS.incrementAndGet() + ".log")
                .toAbsolutePath();
        withLogConsumer(frame -> appendToLogFile(frame.getBytes()));
        withLabel(RUN_LABEL, RUN);
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withCapAdd(Capability.NET_ADMIN)
                .withSysctls(Map.of(
                        // The fragments of a datagram that lost one wait for it, 30 s by default, in reassembly
                        // memory of 4 MB: a few hundred such datagrams fill it, and then every fragment is dropped,
                        // even of complete datagrams. Fragments of one datagram arrive within a millisecond: 3 s and
                        // 64 MB are plenty.
                        "net.ipv4.ipfrag_time", "3", "net.ipv4.ipfrag_high_thresh", String.valueOf(64 * 1024 * 1024))));
        // ./lab setup builds every lab image; start() has checked that this one is there.
        withImagePullPolicy(name -> false);
        waitingFor(readiness.withStartupTimeout(startupTimeout()));
    }

    /**
     * The lab never pulls its images: a missing one means ./lab setup has not run, and the test fails at once with
     * that sentence, instead of in Testcontainers' pull retries (minutes where no registry answers).
     */
    @Override
    public void start() {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(imageName).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException(imageName + " is not built: run ./lab setup");
        }
        super.start();
    }

    /**
     * The file this container's output goes to as it prints it: still there after the container is gone, for
     * example when a start failed and Testcontainers removed it.
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Testcontainers follows a container's output from its first start only: after the same container is started
     * again, its new output is followed into the same file, from the second it started (so a line of the old run's
     * last second may appear twice), after a line that says so.
     */
    private void followLogAfterRestart(Instant started) {
        appendToLogFile(("--- started again at " + started + " ---\n").getBytes(StandardCharsets.UTF_8));
        FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
        callback.addConsumer(OutputFrame.OutputType.STDOUT, frame -> appendToLogFile(frame.getBytes()));
        callback.addConsumer(OutputFrame.OutputType.STDERR, frame -> appendToLogFile(frame.getBytes()));
        getDockerClient()
                .logContainerCmd(getContainerId())
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withSince((int) started.getEpochSecond())
                .exec(callback);
    }

    private void appendToLogFile(byte[] bytes) {
        if (bytes == null) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.write(logFile, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + serviceName + "'s log to " + logFile, e);
        }
    }

    /** One real client call that succeeds only when the service can do its work. */
    protected abstract void probe() throws Throwable;

    /** How long a cold start may take before the test fails. */
    protected Duration startupTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Runs a command inside the container and returns what it printed; fails, with its stderr, if it exits non-zero. */
    public String run(String... command) {
        return exec(null, command);
    }

    /** The same as root, whoever the image runs as (RabbitMQ's runs as rabbitmq): what iptables and nft need. */
    public String runAsRoot(String... command) {
        return exec("root", command);
    }

    private String exec(String user, String... command) {
        try {
            ExecResult result = user == null ? execInContainer(command) : execInContainerWithUser(user, command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + result.getExitCode() + " in "
                        + serviceName + ": " + result.getStderr().strip());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The container's address on each network it is on, by network id, as the engine reports it now; empty if none. */
    public Map<String, String> networkAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        getDockerClient()
                .inspectContainerCmd(getContainerId())
                .exec()
                .getNetworkSettings()
                .getNetworks()
                .values()
                .stream()
                .filter(network -> network.getIpAddress() != null
                        && !network.getIpAddress().isEmpty())
                .forEach(network -> addresses.put(network.getNetworkID(), network.getIpAddress()));
        return addresses;
    }

    /** The container's address on {@code network} now (a restarted container may have a new one); empty if none. */
    public String networkAddress(Network network) {
        return networkAddresses().getOrDefault(network.getId(), "");
    }

    /** The name faults and narration use for this service. */
    public String serviceName() {
        return serviceName;
    }

    /** Puts the service on a network, reachable from other containers by its service name. */
    public SELF onNetwork(Network network) {
        return withNetwork(network).withNetworkAliases(serviceName);
    }

    /**
     * Called by the faults after the same container was started again: the host ports have changed.
     * Re-reads them, lets the service redo what its start needs, then waits until the probe succeeds.
     */
    public void whenStartedAgain() {
        infoAfterRestart = getCurrentContainerInfo();
        followLogAfterRestart(Instant.parse(infoAfterRestart.getState().getStartedAt()));
        afterStartedAgain();
        readiness.awaitProbe(startupTimeout());
    }

    /** A hook for services that must be told their new address at every start (Kafka). */
    protected void afterStartedAgain() {}

    /** Blocks until the service answers its probe, for example after a pause ends. */
    public void awaitReady(Duration timeout) {
        readiness.awaitProbe(timeout);
    }

    @Override
    public InspectContainerResponse getContainerInfo() {
        return infoAfterRestart != null ? infoAfterRestart : super.getContainerInfo();
    }
}
