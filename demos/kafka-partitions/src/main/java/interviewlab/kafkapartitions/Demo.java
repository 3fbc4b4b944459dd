package interviewlab.kafkapartitions;

import interviewlab.support.faults.FaultEvent;
import interviewlab.support.narration.Narrator;
import interviewlab.support.observed.DemoRun;
import interviewlab.support.observed.Observation;
import interviewlab.support.observed.Verdict;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What do Kafka partitions give you? Keys are hashed to partitions; a consumer group shares the partitions out, one
 * consumer per partition, shares them again as consumers join, leave and crash, and goes no faster than its
 * partition count allows. Each verdict comes from the checker the tests use, over what this run observed.
 */
public final class Demo {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 3;

    public static void main(String[] args) {
        DemoRun.main(
                "kafka-partitions",
                Demo.class,
                List.of("Kafka " + LabImages.KAFKA.version(), "RabbitMQ " + LabImages.RABBITMQ.version()),
                Demo::run);
    }

    private static void run(DemoRun run) throws Exception {
        try (KafkaService kafka = new KafkaService()) {
            kafka.start();
            keysDecidePartitions(run, kafka);
            groupSharesPartitions(run, kafka);
            run.record(groupThroughput(run, kafka));
            run.verdict(LogVersusQueue.tell(run.narrator(), kafka).check());
        }
        run.record(handover(run));
    }

    private static void keysDecidePartitions(DemoRun run, KafkaService kafka) throws Exception {
        run.narrator()
                .scenario(String.format(
                        "Keys decide partitions (Kafka %s, topic %s with %d partitions)",
                        LabImages.KAFKA.version(), TOPIC, PARTITIONS));
        KafkaClients.createTopic(kafka, TOPIC, PARTITIONS);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("key", "partition (broker)", "toPositive(murmur2(key)) % 3"));
        Map<String, Set<Integer>> partitionsOfKey = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka, Map.of())) {
            for (String key : List.of("alice", "bob", "carol", "dave", "erin", "frank", "alice", "bob")) {
                RecordMetadata written = KafkaClients.send(producer, TOPIC, key, "order from " + key);
                partitionsOfKey.computeIfAbsent(key, any -> new HashSet<>()).add(written.partition());
                table.add(List.of(
                        key,
                        String.valueOf(written.partition()),
                        String.valueOf(Partitioning.partitionFor(key, PARTITIONS))));
            }
        }
        run.narrator().table(table);
        run.verdict(Partitioning.checkKeyed(partitionsOfKey, PARTITIONS));
    }

    private static void groupSharesPartitions(DemoRun run, KafkaService kafka) throws Exception {
        Narrator narrator = run.narrator();
        narrator.scenario("A consumer group shares the partitions out as consumers join and leave");
        List<GroupMember> members = new ArrayList<>();
        try {
            Assignment assignment = null;
            for (int n = 1; n <= PARTITIONS + 1; n++) {
                members.add(GroupMember.join(kafka, GROUP, TOPIC, "consumer-" + n, Map.of()));
                narrator.say("consumer-" + n, "joins the consumer group %s", GROUP);
                assignment = Assignment.awaitAssigned(kafka, GROUP, members, PARTITIONS);
                narrator.say("group", "assignment: %s", assignment);
            }
            run.verdict(assignment.check());
            GroupMember leaving = members.remove(0);
            leaving.close();
            narrator.say(leaving.name(), "leaves cleanly");
            Assignment afterLeave = Assignment.awaitAssigned(kafka, GROUP, members, PARTITIONS);
            narrator.say("group", "assignment: %s", afterLeave);
            for (String idle : assignment.idle()) {
                Set<Integer> now = afterLeave.partitionsOfMember().getOrDefault(idle, Set.of());
                narrator.say(idle, now.isEmpty() ? "is still idle" : "was idle, now holds " + now);
            }
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
    }

    private static Observation groupThroughput(DemoRun run, KafkaService kafka) throws Exception {
        Observation observation = Observation.named(
                "group-throughput",
                String.format(
                        Locale.ROOT,
                        "What 1, 2, 3 and 4 consumers of a group get through: %d records on %d partitions, %d ms of work each",
                        GroupThroughput.RECORDS,
                        GroupThroughput.PARTITIONS,
                        GroupThroughput.WORK_PER_RECORD.toMillis()),
                "consumers",
                "consumers that got records",
                "records/s",
                "against 1 consumer");
        run.narrator().scenario("The same work for a consumer group of 1, 2, 3 and 4 consumers, each on a fresh topic");
        GroupThroughput.Result result = GroupThroughput.measureOneToFour(
                kafka,
                measurement -> run.narrator()
                        .say(
                                "group",
                                "%d consumer(s): %.0f records/s",
                                measurement.consumers(),
                                measurement.recordsPerSecond()));
        for (GroupThroughput.Measurement measurement : result.measurements()) {
            observation.row(
                    measurement.consumers(),
                    measurement.busyConsumers(),
                    String.format(Locale.ROOT, "%.0f", measurement.recordsPerSecond()),
                    String.format(Locale.ROOT, "%.2f×", result.againstOne(measurement.consumers())));
        }
        return observation.verdict(result.check());
    }

    private static Observation handover(DemoRun run) throws Exception {
        List<Handover.Departure> all = List.of(Handover.Departure.values());
        List<Handover.Departure> departures = DemoRun.scenarios(all, List.of(Handover.Departure.KILL_NINE));
        Observation observation = Observation.named(
                "handover",
                String.format(
                        Locale.ROOT,
                        "A member leaves cleanly, crashes, or hangs (session timeout %d s, heartbeat %d s)%s",
                        Handover.SESSION_TIMEOUT.toSeconds(),
                        Handover.HEARTBEAT_INTERVAL.toSeconds(),
                        DemoRun.keptInTheQuickVersion(departures, all, "departures")),
                "worker-1",
                "fault at",
                "partition unread for",
                "required");
        run.narrator()
                .scenario("worker-1 (a container) and consumer-2 share 2 partitions; worker-1 goes away, three ways");
        for (Handover.Departure departure : departures) {
            Handover.Result result = Handover.afterFault(departure);
            String at = at(run, result.fault());
            run.narrator()
                    .say(
                            "nemesis",
                            "%s %s, at %s into the run",
                            result.fault().what(),
                            result.fault().target(),
                            at);
            run.narrator()
                    .say("consumer-2", "holds worker-1's partition too; it went unread for %s", result.unreadFor());
            Verdict verdict = result.check();
            run.verdict(verdict);
            observation
                    .row(departure.label(), at, result.unreadFor(), result.bounds())
                    .verdict(verdict);
        }
        return observation.faults(run.faultsSoFar());
    }

    /** When the fault log says the fault was done, from the start of the run, as the outcome's fault times count. */
    private static String at(DemoRun run, FaultEvent fault) {
        return String.format(
                Locale.ROOT,
                "%.1f s",
                Duration.between(run.started(), fault.at()).toMillis() / 1000.0);
    }

    private Demo() {}
}
