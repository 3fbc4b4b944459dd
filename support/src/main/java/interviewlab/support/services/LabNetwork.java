package interviewlab.support.services;

import java.util.Map;
import org.testcontainers.containers.Network;

/** A Docker network for one test's containers, labelled so ./lab can sweep it if the JVM dies. */
public final class LabNetwork {
    private LabNetwork() {}

    public static Network create() {
        return Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(LabContainer.RUN_LABEL, LabContainer.RUN)))
                .build();
    }
}
