package interviewlab.kafkapartitions;

import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What do Kafka partitions give you? Keys are hashed to partitions; a group shares the partitions out, one
 * consumer per partition, shares them again as consumers join, leave and crash, and goes no faster than its
 * partition count allows.
 */
public final class Demo {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 3;

    public static void main(String[] args) throws Exception {
        Narrator narrator = new Narrator();
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            narrator.scenario(String.format("Keys decide partitions (Kafka %s, topic %s with %d partitions)", LabImages.KAFKA.version(), TOPIC, PARTITIONS));
            KafkaClients.createTopic(kafka, TOPIC, PARTITIONS);
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("key", "partition (broker)", "toPositive(murmur2(key)) % 3"));
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka, Map.of())) {
                for (String key : List.of("alice", "bob", "carol", "dave", "erin", "frank", "alice", "bob")) {
                    RecordMetadata written = KafkaClients.send(producer, TOPIC, key, "order from " + key);
                    table.add(List.of(key, String.valueOf(written.partition()), String.valueOf(Partitioning.partitionFor(key, PARTITIONS))));
                }
            }
            narrator.table(table);
            narrator.verdict("the same key always lands on the same partition, the one the formula gives");

            narrator.scenario("A consumer group shares the partitions out as consumers join and leave");
            List<GroupMember> members = new ArrayList<>();
            for (int n = 1; n <= 4; n++) {
                members.add(GroupMember.join(kafka, GROUP, TOPIC, "consumer-" + n, Map.of()));
                narrator.say("consumer-" + n, "joins the group %s", GROUP);
                GroupMember.awaitSettled(kafka, GROUP, members, PARTITIONS);
                narrator.say("group", "assignment: %s", assignment(members));
            }
            GroupMember leaving = members.remove(0);
            leaving.close();
            narrator.say(leaving.name(), "leaves cleanly");
            GroupMember.awaitSettled(kafka, GROUP, members, PARTITIONS);
            narrator.say("group", "assignment: %s", assignment(members));
            for (GroupMember member : members) {
                member.close();
            }
            narrator.verdict("each partition belongs to one consumer of the group; a fourth consumer on 3 partitions sits idle until one leaves");

            narrator.scenario(String.format("What 1, 2, 3 and 4 consumers get through: %d records on %d partitions, %d ms of work each",
                    GroupThroughput.RECORDS, GroupThroughput.PARTITIONS, GroupThroughput.WORK_PER_RECORD.toMillis()));
            List<List<String>> rates = new ArrayList<>();
            rates.add(List.of("consumers", "consumers that got records", "records/s"));
            for (int consumers = 1; consumers <= 4; consumers++) {
                GroupThroughput.Measurement measurement = GroupThroughput.measure(kafka, consumers);
                narrator.say("group", "%d consumer(s): %.0f records/s", consumers, measurement.recordsPerSecond());
                rates.add(List.of(String.valueOf(consumers), String.valueOf(measurement.busyConsumers()),
                        String.format(Locale.ROOT, "%.0f", measurement.recordsPerSecond())));
            }
            narrator.table(rates);
            narrator.verdict("the partition count caps a consumer group's parallelism: a 4th consumer on 3 partitions adds nothing");

            LogVersusQueue.tell(narrator, kafka);
        }

        narrator.scenario(String.format("A member leaves cleanly, crashes, or hangs (session timeout %d s)", Handover.SESSION_TIMEOUT.toSeconds()));
        Handover.Outcome clean = Handover.afterFault(worker -> {
            Faults.stopGracefully(worker);
            return Fault.healedBy(() -> { });
        });
        narrator.say("worker-1", "SIGTERM: closed its consumer, which sends LeaveGroup; its partition moved within %.1f s", seconds(clean.unreadAtMost()));
        Handover.Outcome crash = Handover.afterFault(worker -> {
            Faults.killNine(worker);
            return Fault.healedBy(() -> { });
        });
        narrator.say("worker-1", "kill -9: its partition was consumed by nobody for %.1f to %.1f s", seconds(crash.unreadAtLeast()), seconds(crash.unreadAtMost()));
        Handover.Outcome hang = Handover.afterFault(Faults::pause);
        narrator.say("worker-1", "frozen (docker pause): its partition was consumed by nobody for %.1f to %.1f s", seconds(hang.unreadAtLeast()), seconds(hang.unreadAtMost()));
        narrator.verdict("a clean leave rebalances at once; a crashed or hung member keeps its partitions until its session times out");
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String assignment(List<GroupMember> members) {
        return members.stream().map(member -> member.name() + " " + (member.partitions().isEmpty() ? "idle" : member.partitions()))
                .collect(Collectors.joining(", "));
    }

    private Demo() {
    }
}
