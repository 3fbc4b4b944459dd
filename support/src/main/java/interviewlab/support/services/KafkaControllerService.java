package interviewlab.support.services;

/**
 * A KRaft controller of the lab's 3-broker cluster ({@code KafkaCluster}): a voter of the metadata quorum and nothing
 * else, so a broker's fault is never also a quorum fault. Ready when it answers a Kafka request (ApiVersions) on its
 * controller listener; clients never talk to it, brokers do.
 */
public final class KafkaControllerService extends LabContainer<KafkaControllerService> {
    public static final int CONTROLLER_PORT = 9093;
    /** Controllers keep only the metadata log: a small heap is plenty. */
    private static final String JVM_OPTS = "-Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final int nodeId;

    /** Controller {@code number} (1 to 3): kafka-controller-NUMBER, node id 100 + NUMBER. */
    public KafkaControllerService(int number) {
        super(LabImages.KAFKA, "kafka-controller-" + number);
        this.nodeId = 100 + number;
        withEnv("KAFKA_NODE_ID", String.valueOf(nodeId));
        withEnv("KAFKA_ROLE", "controller");
        withEnv("KAFKA_ADVERTISED_LISTENERS", "CONTROLLER://" + serviceName() + ":" + CONTROLLER_PORT);
        withEnv("KAFKA_JVM_OPTS", JVM_OPTS);
    }

    /** The node id the metadata quorum names this voter by. */
    public int nodeId() {
        return nodeId;
    }

    @Override
    protected void probe() {
        run("healthcheck", String.valueOf(CONTROLLER_PORT));
    }
}
