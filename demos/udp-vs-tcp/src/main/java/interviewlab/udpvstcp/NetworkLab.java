package interviewlab.udpvstcp;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.udpvstcp.peer.Receiver;
import interviewlab.udpvstcp.peer.Report;
import interviewlab.udpvstcp.peer.Sender;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.testcontainers.containers.Network;

/**
 * Two containers on one Docker network: the receiver, whose incoming packets the kernel can be told to drop,
 * and the sender, in which each experiment runs as its own JVM and prints its report.
 */
public final class NetworkLab implements AutoCloseable {
    private final Network network = LabNetwork.create();
    private final JavaAppService receiver = peer("receiver", Receiver.class, new LogLines(), "listening");
    private final JavaAppService sender;

    public NetworkLab() {
        receiver.start();
        sender = peer("sender", Sender.class, new LogLines(), "ready", "idle");
        sender.start();
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

    /** Drops each packet arriving at the receiver with this probability (iptables, after fragments are reassembled), until healed. */
    public Fault lossAtReceiver(double probability) {
        return Faults.dropIncomingPackets(receiver, probability);
    }

    /** Drops each packet, fragments one by one, before the receiver's kernel reassembles them, until healed. */
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
        sender.close();
        receiver.close();
        network.close();
    }
}
