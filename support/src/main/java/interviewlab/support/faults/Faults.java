package interviewlab.support.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import interviewlab.support.services.LabContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The lab's nemesis: every fault a topic causes, done for real to a running container.
 *
 * <p>Process faults go through the Docker engine (a signal, the cgroup freezer); network faults are
 * iptables rules inside the container's own network namespace, which is why lab containers have NET_ADMIN.
 */
public final class Faults {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** 128 + 9: the exit code of a process ended by SIGKILL. */
    private static final long SIGKILL_EXIT_CODE = 137;

    private Faults() {}

    /** kill -9: the process gets SIGKILL and no chance to save or flush anything. Returns once it is dead. */
    public static void killNine(LabContainer<?> service) {
        docker(service)
                .killContainerCmd(service.getContainerId())
                .withSignal("KILL")
                .exec();
        FaultLog.record("kill -9", service.serviceName());
        awaitStopped(service);
    }

    /**
     * docker stop: SIGTERM, time to shut down cleanly (up to 30 s), SIGKILL only after that. Fails if it came
     * to SIGKILL: then the stop was not graceful, and a claim about graceful stops would prove nothing.
     */
    public static void stopGracefully(LabContainer<?> service) {
        FaultLog.record("graceful stop", service.serviceName());
        docker(service)
                .stopContainerCmd(service.getContainerId())
                .withTimeout((int) STOP_TIMEOUT.toSeconds())
                .exec();
        awaitStopped(service);
        Long exitCode = docker(service)
                .inspectContainerCmd(service.getContainerId())
                .exec()
                .getState()
                .getExitCodeLong();
        if (exitCode != null && exitCode == SIGKILL_EXIT_CODE) {
            throw new IllegalStateException(service.serviceName() + " ignored SIGTERM and was killed after "
                    + STOP_TIMEOUT.toSeconds() + " s: its main process does not handle SIGTERM");
        }
    }

    /**
     * Starts the same container again, with the data it had on disk. Docker maps new host ports,
     * which the service re-reads; returns once the service answers its readiness probe.
     */
    public static void startAgain(LabContainer<?> service) {
        docker(service).startContainerCmd(service.getContainerId()).exec();
        FaultLog.record("start again", service.serviceName());
        service.whenStartedAgain();
    }

    /** A clean restart: {@link #stopGracefully} then {@link #startAgain}. */
    public static void restartGracefully(LabContainer<?> service) {
        stopGracefully(service);
        startAgain(service);
    }

    /** Freezes every process of the container (docker pause): it stays connected but answers nothing until healed. */
    public static Fault pause(LabContainer<?> service) {
        freeze(service, 3);
        return recorded(
                "pause",
                service,
                () -> docker(service)
                        .unpauseContainerCmd(service.getContainerId())
                        .exec());
    }

    /**
     * runc gives up freezing a container whose processes keep running through its freezer's short wait ("unable to
     * freeze"), which a busy machine makes likely; the container is left running, so asking again is safe.
     */
    private static void freeze(LabContainer<?> service, int attempts) {
        try {
            docker(service).pauseContainerCmd(service.getContainerId()).exec();
        } catch (InternalServerErrorException e) {
            if (attempts <= 1 || !String.valueOf(e.getMessage()).contains("unable to freeze")) {
                throw e;
            }
            freeze(service, attempts - 1);
        }
    }

    /**
     * Drops each packet arriving at the container with the given probability (iptables' statistic match),
     * loopback excepted. Healing removes the rule.
     */
    public static Fault dropIncomingPackets(LabContainer<?> service, double probability) {
        if (probability <= 0 || probability >= 1) {
            throw new IllegalArgumentException("a drop probability is between 0 and 1, exclusive: " + probability);
        }
        String rule = "INPUT ! -i lo -m statistic --mode random --probability "
                + String.format(Locale.ROOT, "%.4f", probability) + " -j DROP";
        iptables(service, "-I " + rule);
        return recorded(
                String.format(Locale.ROOT, "drop %.1f%% of incoming packets", 100 * probability),
                service,
                () -> iptables(service, "-D " + rule));
    }

    /**
     * Drops each packet arriving at the container with the given probability before the kernel reassembles IP
     * fragments, as a lossy link drops them: a datagram sent in k fragments then arrives with probability
     * (1 - p)^k. iptables' INPUT chain cannot do this: ip_local_deliver() reassembles before the LOCAL_IN hook,
     * and where connection tracking is on (Docker's DNS rules turn it on in every container on a user-defined
     * network) its defrag hook reassembles even earlier, at PREROUTING priority -400, before iptables' raw table.
     * So this is an nftables chain hooked in ahead of that (priority -450), dropping on a random number. Healing
     * removes the chain.
     */
    public static Fault dropIncomingPacketsBeforeReassembly(LabContainer<?> service, double probability) {
        if (probability <= 0 || probability >= 1) {
            throw new IllegalArgumentException("a drop probability is between 0 and 1, exclusive: " + probability);
        }
        long perTenThousand = Math.round(probability * 10_000);
        nft(
                service,
                "create table ip lab_loss"); // fails if this fault is already on: two at once would double the loss
        try {
            nft(service, "add chain ip lab_loss prerouting { type filter hook prerouting priority -450; }");
            nft(
                    service,
                    "add rule ip lab_loss prerouting iifname != lo numgen random mod 10000 < " + perTenThousand
                            + " drop");
        } catch (RuntimeException e) {
            nft(service, "delete table ip lab_loss"); // half a fault is no fault a test meant to cause
            throw e;
        }
        return recorded(
                String.format(Locale.ROOT, "drop %.1f%% of incoming packets before reassembly", 100 * probability),
                service,
                () -> nft(service, "delete table ip lab_loss"));
    }

    /** Drops every packet into and out of the container, loopback excepted: a partition. Healing restores it. */
    public static Fault cutNetwork(LabContainer<?> service) {
        String in = "INPUT ! -i lo -j DROP";
        String out = "OUTPUT ! -o lo -j DROP";
        iptables(service, "-I " + in);
        try {
            iptables(service, "-I " + out);
        } catch (RuntimeException e) {
            iptables(service, "-D " + in); // half a cut is no fault a test meant to cause
            throw e;
        }
        return recorded("cut network", service, () -> {
            iptables(service, "-D " + in);
            iptables(service, "-D " + out);
        });
    }

    /**
     * A partition between nodes: every packet between a node of {@code side} and a node of {@code others} is dropped,
     * both ways, while each node still reaches every node on its own side and every client outside the cluster (the
     * host's clients come in through the engine's gateway, not from a node's address). The rules sit in each node of
     * {@code side}: INPUT from and OUTPUT to the others' addresses on the networks they share, read when the fault
     * begins (a restarted container may have a new one). Healing removes exactly those rules.
     */
    public static Fault partition(
            Collection<? extends LabContainer<?>> side, Collection<? extends LabContainer<?>> others) {
        if (side.isEmpty() || others.isEmpty()) {
            throw new IllegalArgumentException("a partition needs a node on each side");
        }
        if (side.stream().anyMatch(others::contains)) {
            throw new IllegalArgumentException("a node cannot be on both sides of a partition");
        }
        List<String> otherAddresses =
                others.stream().flatMap(node -> addresses(node).stream()).toList();
        // One command per node, adding its rules in the others' order: the partition is complete a node at a time,
        // not a rule at a time. Healing deletes every rule it added, even after one deletion failed.
        String cut = otherAddresses.stream()
                .map(address ->
                        "iptables -I INPUT -s " + address + " -j DROP && iptables -I OUTPUT -d " + address + " -j DROP")
                .collect(Collectors.joining(" && "));
        String heal = "rc=0; "
                + otherAddresses.stream()
                        .map(address -> "iptables -D INPUT -s " + address + " -j DROP || rc=1; iptables -D OUTPUT -d "
                                + address + " -j DROP || rc=1;")
                        .collect(Collectors.joining(" "))
                + " exit $rc";
        List<LabContainer<?>> cutOff = new ArrayList<>();
        try {
            for (LabContainer<?> node : side) {
                cutOff.add(node);
                asRoot(node, cut);
            }
        } catch (RuntimeException e) {
            cutOff.forEach(node -> healQuietly(node, heal, e)); // half a partition is no fault a test meant to cause
            throw e;
        }
        String what = "partition " + names(side) + " from " + names(others);
        FaultLog.record(what, names(side));
        return Fault.healedBy(() -> {
            RuntimeException failure = null;
            for (LabContainer<?> node : cutOff) {
                try {
                    asRoot(node, heal);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            FaultLog.record("heal " + what, names(side));
            if (failure != null) {
                throw failure;
            }
        });
    }

    /** One node partitioned from the rest of its cluster: {@link #partition} of it against every other node. */
    public static Fault isolate(LabContainer<?> node, Collection<? extends LabContainer<?>> cluster) {
        return partition(
                List.of(node), cluster.stream().filter(other -> other != node).toList());
    }

    /** The node's addresses on its networks, as the engine reports them now. */
    private static List<String> addresses(LabContainer<?> node) {
        List<String> addresses = List.copyOf(node.networkAddresses().values());
        if (addresses.isEmpty()) {
            throw new IllegalStateException(node.serviceName() + " has no network address to partition from");
        }
        return addresses;
    }

    /** Heals what a half-made fault did, keeping the fault's own error as the one to report. */
    private static void healQuietly(LabContainer<?> node, String heal, RuntimeException cause) {
        try {
            asRoot(node, heal);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String names(Collection<? extends LabContainer<?>> nodes) {
        return nodes.stream().map(LabContainer::serviceName).collect(Collectors.joining(", ", "{", "}"));
    }

    /** A fault now on, logged as such, whose healing is logged too. */
    private static Fault recorded(String what, LabContainer<?> service, Runnable healing) {
        FaultLog.record(what, service.serviceName());
        return Fault.healedBy(() -> {
            healing.run();
            FaultLog.record("heal " + what, service.serviceName());
        });
    }

    private static void iptables(LabContainer<?> service, String arguments) {
        asRoot(service, "iptables " + arguments);
    }

    private static void nft(LabContainer<?> service, String command) {
        asRoot(service, "nft '" + command + "'");
    }

    private static void asRoot(LabContainer<?> service, String commandLine) {
        service.runAsRoot("sh", "-c", commandLine);
    }

    private static void awaitStopped(LabContainer<?> service) {
        Awaitility.await(service.serviceName() + " has stopped")
                .atMost(STOP_TIMEOUT.plusSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Boolean.TRUE.equals(docker(service)
                        .inspectContainerCmd(service.getContainerId())
                        .exec()
                        .getState()
                        .getRunning()));
    }

    private static DockerClient docker(LabContainer<?> service) {
        return service.getDockerClient();
    }
}
