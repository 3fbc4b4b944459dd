package interviewlab.redisvsrabbitmq.throughput;

import interviewlab.support.services.LabContainer;
import java.util.List;

/** One broker configuration the benchmark measures, and how to start it and send it a trial's messages. */
public sealed interface Setting permits RedisSetting, RabbitSetting {
    /** Every trial sends messages of this many bytes, as both tools are told to. */
    int MESSAGE_BYTES = 32;

    /** The brokers, and the benchmark tool each ships with. */
    enum Broker {
        REDIS("Redis list", "redis-benchmark"),
        RABBITMQ("RabbitMQ", "PerfTest");

        private final String label;
        private final String tool;

        Broker(String label, String tool) {
            this.label = label;
            this.tool = tool;
        }

        public String label() {
            return label;
        }

        public String tool() {
            return tool;
        }
    }

    Broker broker();

    /** What the setting keeps, for example "AOF, fsync always". */
    String durability();

    /** Its server, not started yet: the benchmark starts every setting's server together. */
    Running prepare();

    /** A setting's server, started by the benchmark, that runs trials against it. */
    interface Running extends AutoCloseable {
        LabContainer<?> container();

        /**
         * Sends the messages from an empty list or queue with one producer and returns how many per second it got in.
         */
        double trial(Harness harness, int messages) throws Exception;

        @Override
        void close();
    }

    /** The settings, in the order the table lists them: each broker from keeping least to keeping most. */
    static List<Setting> all() {
        return List.of(
                new RedisSetting("RDB snapshots only (the default)"),
                new RedisSetting("AOF, fsync every second", "--appendonly", "yes"),
                new RedisSetting("AOF, fsync always", "--appendonly", "yes", "--appendfsync", "always"),
                new RabbitSetting("classic queue, transient messages", false, false, false),
                new RabbitSetting("durable queue, persistent messages", true, false, false),
                new RabbitSetting("durable queue, persistent, confirms", true, true, false),
                new RabbitSetting("quorum queue, confirms", true, true, true));
    }
}
