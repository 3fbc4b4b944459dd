package interviewlab.udpvstcp;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import interviewlab.udpvstcp.peer.Sender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.testcontainers.containers.Network;

/**
 * Two containers on one Docker network: the receiver, whose incoming packets the kernel can be told to drop,
 * and the sender, in which each experiment runs as its own JVM and prints its report.
 */
public final class NetworkLab implements AutoCloseable {
    /** What this lab has created, newest first: closed in that order, also when the constructor fails half-way. */
    private final Deque<AutoCloseable> created = new ArrayDeque<>();

    private final Network network;
    private final JavaAppService receiver;
    private final JavaAppService sender;

    public NetworkLab() {
        try {
            network = created(LabNetwork.create());
            receiver = started(peer("receiver", Receiver.class, new LogLines(), "listening"));
            sender = started(peer("sender", Sender.class, new LogLines(), "ready", "idle"));
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    private <T extends AutoCloseable> T created(T resource) {
        created.push(resource);
        return resource;
    }

    /** Registered before it starts: a container whose start fails may exist all the same, and must be removed. */
    private JavaAppService started(JavaAppService peer) {
        created(peer).start();
        return peer;
    }

    private JavaAppService peer(String name, Class<?> mainClass, LogLines output, String readyLine, String... args) {
        return new JavaAppService(name, mainClass, args)
                .withLibrariesOf(Histogram.class)
                .withLogConsumer(output)
                .onNetwork(network)
                .withReadinessProbe(() -> {
                    if (!output.lines().contains(readyLine)) {
                        throw new IllegalStateException(name + " has not printed \"" + readyLine + "\" yet");
                    }
                });
    }

    /**
     * Drops each packet arriving at the receiver with this probability, until healed: an iptables rule in INPUT, which
     * sees a fragmented datagram only whole, because the kernel reassembles it before the LOCAL_IN hook.
     */
    public Fault lossAtReceiver(double probability) {
        return Faults.dropIncomingPackets(receiver, probability);
    }

    /** Drops each packet arriving at the receiver, fragments one by one, before its kernel reassembles them, until healed. */
    public Fault lossOnTheWireAtReceiver(double probability) {
        return Faults.dropIncomingPacketsBeforeReassembly(receiver, probability);
    }

    /** Runs one experiment in the sender's container against the receiver, for at most two minutes; returns its report. */
    public Report run(String experiment, Object... arguments) {
        List<String> args = new ArrayList<>(List.of(experiment, "receiver"));
        for (Object argument : arguments) {
            args.add(String.valueOf(argument));
        }
        List<String> command = new ArrayList<>(List.of("timeout", "120"));
        command.addAll(List.of(JavaAppService.javaCommand(Sender.class, args.toArray(String[]::new))));
        return Report.parse(sender.run(command.toArray(String[]::new)));
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        while (!created.isEmpty()) {
            try {
                created.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the lab did not close cleanly");
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
