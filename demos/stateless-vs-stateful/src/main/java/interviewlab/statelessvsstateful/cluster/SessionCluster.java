package interviewlab.statelessvsstateful.cluster;

import com.nimbusds.jose.JWSObject;
import interviewlab.statelessvsstateful.app.SessionApp;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.support.faults.Faults;
import interviewlab.support.services.ClientLibraries;
import interviewlab.support.services.JavaAppService;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.LogLines;
import interviewlab.support.services.NginxService;
import interviewlab.support.services.RedisService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testcontainers.containers.Network;

/**
 * The topic's whole topology on one Docker network: instances of {@link SessionApp} named app-1, app-2, …, all
 * in one session mode; nginx in front of them; and Redis where the mode keeps state there. Configure, then
 * {@link #start()}; the browsers go through {@link #url(String)}, the front door.
 */
public final class SessionCluster implements AutoCloseable {
    /** The JWT signing key, the same on every instance. In production it would come from a secret store. */
    public static final String TOKEN_KEY = "the key every instance signs and checks tokens with";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SessionMode mode;
    private final int initialInstances;
    private final Network network = LabNetwork.create();
    private final Map<String, JavaAppService> instances = new LinkedHashMap<>();
    private final Map<String, LogLines> output = new LinkedHashMap<>();
    private final Set<String> killed = new HashSet<>();
    private final NginxService nginx = new NginxService();
    private Balancer balancer;
    private boolean denylist;
    private String[] redisFlags = {};
    private Optional<RedisService> redis = Optional.empty();

    public SessionCluster(SessionMode mode, int instances, Balancer balancer) {
        this.mode = mode;
        this.initialInstances = instances;
        this.balancer = balancer;
    }

    /** JWT mode with logouts remembered in a Redis denylist. */
    public SessionCluster withDenylist() {
        if (mode != SessionMode.JWT) {
            throw new IllegalArgumentException("a denylist is for tokens; " + mode.label() + " sessions end on the server");
        }
        this.denylist = true;
        return this;
    }

    /** Flags for the Redis server, for example {@code "--appendonly", "yes"}. */
    public SessionCluster withRedisFlags(String... flags) {
        this.redisFlags = flags;
        return this;
    }

    public SessionCluster start() {
        if (mode == SessionMode.REDIS || denylist) {
            RedisService store = new RedisService().withServerFlags(redisFlags).onNetwork(network);
            store.start();
            redis = Optional.of(store);
        }
        for (int i = 0; i < initialInstances; i++) {
            startInstance();
        }
        // nginx looks the instances' names up once, when it reads its config: they must exist by now.
        nginx.withNginxConf(balancer.nginxConf(instanceNames())).onNetwork(network).start();
        return this;
    }

    /** The URL of a path at the front door, nginx. */
    public URI url(String path) {
        return nginx.url(path);
    }

    /** A browser at this address, going through the front door. */
    public Browser browser(String address) {
        return new Browser(this::url, address);
    }

    /** The instances that are running (or were stopped to be started again), in the order they were added. */
    public List<String> instanceNames() {
        return instances.keySet().stream().filter(name -> !killed.contains(name)).toList();
    }

    public JavaAppService instance(String name) {
        JavaAppService instance = instances.get(name);
        if (instance == null) {
            throw new IllegalArgumentException("no instance " + name + "; there are " + instanceNames());
        }
        return instance;
    }

    /** Every line the instance printed (each order it placed). */
    public LogLines output(String name) {
        instance(name);
        return output.get(name);
    }

    public RedisService redis() {
        return redis.orElseThrow(() -> new IllegalStateException(mode.label() + " sessions run without Redis"));
    }

    /**
     * kill -9 of one instance. nginx keeps sending it requests until they fail; its name leaves the config at the
     * next reload (nginx would refuse a config naming a host that no longer resolves).
     */
    public void kill(String name) {
        Faults.killNine(instance(name));
        killed.add(name);
    }

    /** Starts one more instance and lets nginx send it traffic: scaling out. Returns its name. */
    public String addInstance() {
        String name = startInstance();
        nginx.reload(balancer.nginxConf(instanceNames()));
        return name;
    }

    /**
     * Stops the instance gracefully and starts the same container again, then reloads nginx, which may have
     * to learn the instance's new address: one step of a rolling restart.
     */
    public void restartGracefully(String name) {
        Faults.restartGracefully(instance(name));
        nginx.reload(balancer.nginxConf(instanceNames()));
    }

    /** Swaps the load balancer's routing, as an operator's reload would. */
    public void route(Balancer newBalancer) {
        this.balancer = newBalancer;
        nginx.reload(balancer.nginxConf(instanceNames()));
    }

    @Override
    public void close() {
        nginx.close();
        instances.values().forEach(JavaAppService::close);
        redis.ifPresent(RedisService::close);
        network.close();
    }

    private String startInstance() {
        String name = "app-" + (instances.size() + 1);   // the killed count too: a name is never reused
        List<String> args = new ArrayList<>(List.of(name, mode.label()));
        if (denylist) {
            args.add(SessionApp.DENYLIST_FLAG);
        }
        LogLines lines = new LogLines();
        JavaAppService instance = new JavaAppService(name, SessionApp.class, args.toArray(String[]::new))
                .withLibrariesOf(ClientLibraries.JEDIS)
                .withLibrariesOf(JWSObject.class)
                .withEnv(SessionApp.TOKEN_SECRET, TOKEN_KEY)
                .withExposedPorts(SessionApp.PORT)
                .withLogConsumer(lines)
                .onNetwork(network);
        instance.withReadinessProbe(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + instance.getHost() + ":" + instance.getMappedPort(SessionApp.PORT) + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()));
        instance.start();
        instances.put(name, instance);
        output.put(name, lines);
        return name;
    }
}
