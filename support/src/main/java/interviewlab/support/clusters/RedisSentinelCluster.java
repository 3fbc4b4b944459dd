package interviewlab.support.clusters;

import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.RedisSentinelService;
import interviewlab.support.services.RedisService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Network;

/**
 * Redis with Sentinel: a primary (redis-1), two replicas of it (redis-2, redis-3, started with {@code --replicaof
 * redis-1 6379}) and three Sentinels (sentinel-1..3) that monitor the primary under the name {@value #MASTER_NAME}
 * with a quorum of {@value #QUORUM}. A Sentinel takes a server for down after {@link #DOWN_AFTER} without an answer
 * (30 s by default; short here so that a test's failover takes seconds), and {@link #FAILOVER_TIMEOUT} bounds a
 * failover's steps (180 s by default).
 *
 * <p>Which server is primary changes with every failover, so nothing here assumes redis-1: {@link #primary()} asks the
 * Sentinels. They answer with addresses on the Docker network, which a client on the host may not reach (Docker
 * Desktop routes none to it); the address only names the server, and clients connect through each server's
 * {@link RedisService#client()}, its mapped host port.
 */
public final class RedisSentinelCluster implements LabCluster {
    /** The name the Sentinels monitor the primary under. */
    public static final String MASTER_NAME = "lab";
    /** How many Sentinels must agree the primary is down before one of them may fail it over. */
    public static final int QUORUM = 2;
    /** {@code sentinel down-after-milliseconds}: how long a Sentinel waits for any answer before it calls a server down. */
    public static final Duration DOWN_AFTER = Duration.ofSeconds(2);
    /** {@code sentinel failover-timeout}. */
    public static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(10);

    private static final int REPLICAS = 2;
    private static final int SENTINELS = 3;
    private static final String CLUSTER = "redis";
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Network network = LabNetwork.create();
    private final List<RedisService> servers = new ArrayList<>();
    private final List<RedisSentinelService> sentinels = new ArrayList<>();
    private Duration startUpTime;

    /** The cluster with each server's built-in defaults. */
    public RedisSentinelCluster() {
        this(new String[0]);
    }

    /**
     * The cluster with {@code serverFlags} added to every server's command line, primary and replicas alike (any of
     * them may be promoted), for example {@code "--min-replicas-to-write", "1"}.
     */
    public RedisSentinelCluster(String... serverFlags) {
        String primaryName = "redis-1";
        for (int n = 1; n <= 1 + REPLICAS; n++) {
            List<String> flags = new ArrayList<>();
            // A replica's first full sync starts at once; by default the primary waits 5 s for more replicas to join.
            flags.addAll(List.of("--repl-diskless-sync-delay", "0"));
            if (n > 1) {
                flags.addAll(List.of("--replicaof", primaryName, String.valueOf(RedisService.PORT)));
            }
            flags.addAll(Arrays.asList(serverFlags));
            servers.add(new RedisService("redis-" + n)
                    .withServerFlags(flags.toArray(String[]::new))
                    .onNetwork(network));
        }
        for (int n = 1; n <= SENTINELS; n++) {
            sentinels.add(new RedisSentinelService(
                            "sentinel-" + n,
                            List.of(
                                    "port " + RedisSentinelService.PORT,
                                    // resolve-hostnames must come before the monitor line that names the primary by
                                    // its network alias; Sentinel resolves the name once and goes on by address.
                                    "sentinel resolve-hostnames yes",
                                    "sentinel monitor " + MASTER_NAME + " " + primaryName + " " + RedisService.PORT
                                            + " " + QUORUM,
                                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                                    "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT.toMillis()))
                    .onNetwork(network));
        }
    }

    @Override
    public String description() {
        return "redis (a primary, 2 replicas, 3 Sentinels)";
    }

    @Override
    public List<LabContainer<?>> nodes() {
        return Stream.<LabContainer<?>>concat(servers.stream(), sentinels.stream())
                .toList();
    }

    /** The three Redis servers, redis-1..3, whatever their roles now. */
    public List<RedisService> servers() {
        return List.copyOf(servers);
    }

    /** The three Sentinels. */
    public List<RedisSentinelService> sentinels() {
        return List.copyOf(sentinels);
    }

    /** The node called {@code name}: redis-1..3 or sentinel-1..3. */
    public LabContainer<?> node(String name) {
        return nodes().stream()
                .filter(node -> node.serviceName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + description()));
    }

    /**
     * Starts the primary, then its two replicas side by side, and once both are in sync the three Sentinels side by
     * side (a Sentinel learns the replicas from the primary's INFO, which it asks at once and then every 10 s: started
     * after them, it finds them in its first answer). Returns once the cluster has formed: the primary reports both
     * replicas online, each replica reports its link to the primary up, and every Sentinel knows both replicas and
     * the two other Sentinels.
     */
    @Override
    public void start() {
        long start = System.nanoTime();
        ClusterFormation.startSideBySide(servers.subList(0, 1), CLUSTER);
        ClusterFormation.startSideBySide(servers.subList(1, servers.size()), CLUSTER);
        awaitReplicasInSync();
        ClusterFormation.startSideBySide(sentinels, CLUSTER);
        awaitSentinelsKnowTheCluster();
        startUpTime = Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public Duration startUpTime() {
        if (startUpTime == null) {
            throw new IllegalStateException(description() + " has not been started");
        }
        return startUpTime;
    }

    /**
     * Which server is primary now, as a majority of the Sentinels say ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}); a
     * Sentinel that does not answer counts as not saying. Fails when no address has a majority, or no server has it.
     */
    public RedisService primary() {
        Map<String, String> said = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        for (RedisSentinelService sentinel : sentinels) {
            try {
                List<String> address = sentinel.masterAddress(MASTER_NAME);
                answers.add(address.get(0) + ":" + address.get(1));
                said.put(sentinel.serviceName(), answers.get(answers.size() - 1));
            } catch (RuntimeException e) {
                said.put(sentinel.serviceName(), "no answer (" + e.getMessage() + ")");
            }
        }
        Map<String, Long> votes =
                answers.stream().collect(Collectors.groupingBy(address -> address, Collectors.counting()));
        String address = votes.entrySet().stream()
                .filter(vote -> vote.getValue() > SENTINELS / 2)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no primary has a majority of the Sentinels: " + said));
        return servers.stream()
                .filter(server -> address.equals(networkAddress(server) + ":" + RedisService.PORT))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the Sentinels name " + address + ", the address of no server of " + description()));
    }

    /**
     * Waits until the Sentinels name a primary for which {@code condition} holds and which reports role:master itself
     * (while a failover runs, the Sentinels may name the replica they are promoting before it has become a primary),
     * and returns it.
     */
    public RedisService awaitPrimary(Predicate<RedisService> condition, Duration timeout) {
        return Awaitility.await("the Sentinels name a primary as asked, and it reports role:master itself")
                .atMost(timeout)
                .pollInterval(POLL_INTERVAL)
                .ignoreExceptions()
                .until(this::primary, primary -> condition.test(primary) && "master".equals(primary.role()));
    }

    /** The servers other than {@link #primary()}, in the order redis-1..3. */
    public List<RedisService> replicas() {
        RedisService primary = primary();
        return servers.stream().filter(server -> server != primary).toList();
    }

    /**
     * Waits until {@code replica} reports itself a replica of {@code primary} (its {@code master_host} is the primary's
     * name or address) with its link up and no sync in progress: it holds what the primary held when the sync ended.
     */
    public void awaitReplicaOf(RedisService replica, RedisService primary, Duration timeout) {
        Awaitility.await(replica.serviceName() + " is a replica of " + primary.serviceName() + ", in sync")
                .atMost(timeout)
                .pollInterval(POLL_INTERVAL)
                .ignoreExceptions()
                .until(() -> isInSyncReplicaOf(replica, primary));
    }

    /** The node's address on the cluster's network, as the engine reports it now; empty while it is not running. */
    public String networkAddress(LabContainer<?> node) {
        return node.networkAddress(network);
    }

    private boolean isInSyncReplicaOf(RedisService replica, RedisService primary) {
        Map<String, String> info = replica.replicationInfo();
        // A replica started with --replicaof names its primary by its alias; one a Sentinel reconfigured, by address.
        String primaryHost = info.get("master_host");
        return "slave".equals(info.get("role"))
                && (primary.serviceName().equals(primaryHost)
                        || networkAddress(primary).equals(primaryHost))
                && "up".equals(info.get("master_link_status"))
                && "0".equals(info.get("master_sync_in_progress"));
    }

    /** Until the primary lists both replicas online and each replica reports its link to the primary up. */
    private void awaitReplicasInSync() {
        RedisService primary = servers.get(0);
        List<RedisService> replicas = servers.subList(1, servers.size());
        try {
            Awaitility.await("both replicas are in sync with " + primary.serviceName())
                    .atMost(FORMATION_TIMEOUT)
                    .pollInterval(POLL_INTERVAL)
                    .ignoreExceptions()
                    .until(() -> notInSync(primary, replicas).isEmpty());
        } catch (ConditionTimeoutException e) {
            RedisService missing =
                    safely(() -> notInSync(primary, replicas)).orElse(replicas).get(0);
            throw ClusterFormation.didNotJoin(
                    missing,
                    CLUSTER,
                    FORMATION_TIMEOUT,
                    "its INFO replication: "
                            + safely(missing::replicationInfo)
                                    .map(Object::toString)
                                    .orElse("none")
                            + "; the primary's: "
                            + safely(primary::replicationInfo)
                                    .map(Object::toString)
                                    .orElse("none"));
        }
    }

    private List<RedisService> notInSync(RedisService primary, List<RedisService> replicas) {
        Map<String, String> primaryInfo = primary.replicationInfo();
        List<String> online = primaryInfo.entrySet().stream()
                .filter(field ->
                        field.getKey().matches("slave\\d+") && field.getValue().contains("state=online"))
                .map(field -> field.getValue().replaceFirst("^ip=([^,]+),.*$", "$1"))
                .toList();
        return replicas.stream()
                .filter(replica -> !online.contains(networkAddress(replica)) || !isInSyncReplicaOf(replica, primary))
                .toList();
    }

    /** Until every Sentinel knows both replicas (flagged just "slave": not down, not disconnected) and 2 other Sentinels. */
    private void awaitSentinelsKnowTheCluster() {
        try {
            Awaitility.await("every Sentinel knows both replicas and the other Sentinels")
                    .atMost(FORMATION_TIMEOUT)
                    .pollInterval(POLL_INTERVAL)
                    .ignoreExceptions()
                    .until(() -> sentinels.stream().allMatch(this::knowsTheCluster));
        } catch (ConditionTimeoutException e) {
            RedisSentinelService missing = sentinels.stream()
                    .filter(sentinel -> !safely(() -> knowsTheCluster(sentinel)).orElse(false))
                    .findFirst()
                    .orElse(sentinels.get(0));
            throw ClusterFormation.didNotJoin(
                    missing,
                    CLUSTER,
                    FORMATION_TIMEOUT,
                    "it knew the replicas "
                            + safely(() -> missing.replicas(MASTER_NAME))
                                    .map(Object::toString)
                                    .orElse("(no answer)")
                            + " and the Sentinels "
                            + safely(() -> missing.otherSentinels(MASTER_NAME))
                                    .map(Object::toString)
                                    .orElse("(no answer)"));
        }
    }

    private boolean knowsTheCluster(RedisSentinelService sentinel) {
        List<Map<String, String>> replicas = sentinel.replicas(MASTER_NAME);
        List<Map<String, String>> others = sentinel.otherSentinels(MASTER_NAME);
        return replicas.size() == REPLICAS
                && replicas.stream().allMatch(replica -> "slave".equals(replica.get("flags")))
                && others.size() == SENTINELS - 1
                && others.stream().allMatch(other -> "sentinel".equals(other.get("flags")));
    }

    private interface Question<T> {
        T ask();
    }

    /** The answer, or empty where asking failed: for the sentence of a formation that failed, never for a check. */
    private static <T> Optional<T> safely(Question<T> question) {
        try {
            return Optional.ofNullable(question.ask());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        LabCluster.stopAll(nodes(), network);
    }
}
