package interviewlab.statelessvsstateful.cluster;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import interviewlab.statelessvsstateful.app.SessionApp;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.app.TokenSigning;
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
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.testcontainers.containers.Network;

/**
 * The topic's whole topology on one Docker network: instances of {@link SessionApp} named app-1, app-2, …, all
 * in one session mode; nginx in front of them; and Redis where the mode keeps state there. Configure, then
 * {@link #start()}; the browsers go through {@link #url(String)}, the front door.
 */
public final class SessionCluster implements AutoCloseable {
    /** The JWT signing key, the same on every instance. In production it would come from a secret store. */
    public static final String TOKEN_KEY = "the key every instance signs and checks tokens with";
    /** What the jose4j verifier loads inside an instance: jose4j, the commons-logging it logs through, Bouncy Castle. */
    private static final Class<?>[] JOSE4J_WITH_BOUNCY_CASTLE = {
        JwtConsumer.class, LogFactory.class, BouncyCastleProvider.class
    };

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SessionMode mode;
    private final int initialInstances;
    private final Network network = LabNetwork.create();
    private final Map<String, JavaAppService> instances = new LinkedHashMap<>();
    private final Map<String, LogLines> output = new LinkedHashMap<>();
    private final Set<String> killed = new HashSet<>();
    private final NginxService nginx = new NginxService();
    private Balancer balancer;
    private boolean denylist;
    private TokenSigning tokenSigning = TokenSigning.HS256;
    private String[] redisFlags = {};
    private Optional<RedisService> redis = Optional.empty();

    public SessionCluster(SessionMode mode, int instances, Balancer balancer) {
        this.mode = mode;
        this.initialInstances = instances;
        this.balancer = balancer;
    }

    public SessionMode mode() {
        return mode;
    }

    /** JWT mode with logouts remembered in a Redis denylist. */
    public SessionCluster withDenylist() {
        if (mode != SessionMode.JWT) {
            throw new IllegalArgumentException(
                    "a denylist is for tokens; " + mode.label() + " sessions end on the server");
        }
        if (tokenSigning != TokenSigning.HS256) {
            throw new IllegalArgumentException("the denylist is kept for HS256 tokens");
        }
        this.denylist = true;
        return this;
    }

    /** JWT mode signing and checking its tokens this way; HS256 with {@link #TOKEN_KEY} unless told. */
    public SessionCluster withTokens(TokenSigning signing) {
        if (mode != SessionMode.JWT) {
            throw new IllegalArgumentException(mode.label() + " sessions have no tokens");
        }
        if (denylist && signing != TokenSigning.HS256) {
            throw new IllegalArgumentException("the denylist is kept for HS256 tokens");
        }
        this.tokenSigning = signing;
        return this;
    }

    /** Flags for the Redis server, for example {@code "--appendonly", "yes"}. */
    public SessionCluster withRedisFlags(String... flags) {
        this.redisFlags = flags;
        return this;
    }

    /**
     * Starts Redis (where the mode needs it), the instances, then nginx. If any of them fails, whatever had
     * started is removed before the failure is thrown: the caller never got a cluster to close.
     */
    public SessionCluster start() {
        try {
            if (mode == SessionMode.REDIS || denylist) {
                RedisService store =
                        new RedisService().withServerFlags(redisFlags).onNetwork(network);
                redis = Optional.of(store);
                store.start();
            }
            for (int i = 0; i < initialInstances; i++) {
                startInstance();
            }
            // nginx looks the instances' names up once, when it reads its config: they must exist by now.
            nginx.withNginxConf(balancer.nginxConf(instanceNames()))
                    .onNetwork(network)
                    .start();
            return this;
        } catch (RuntimeException | Error startFailed) {
            try {
                close();
            } catch (RuntimeException closeFailed) {
                startFailed.addSuppressed(closeFailed);
            }
            throw startFailed;
        }
    }

    /** The URL of a path at the front door, nginx. */
    public URI url(String path) {
        return nginx.url(path);
    }

    /** A browser at this address, going through the front door. */
    public Browser browser(String address) {
        return new Browser(this::url, address);
    }

    /**
     * Asks "who am I?" with the browser's cookie twice per instance. Behind round-robin that reaches every instance;
     * the replies name which ones answered, for the caller to check.
     */
    public List<Reply> askEveryInstance(Browser browser) {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 2 * instanceNames().size(); i++) {
            replies.add(browser.me());
        }
        return replies;
    }

    /** The instances that are running (or were stopped to be started again), in the order they were added. */
    public List<String> instanceNames() {
        return instances.keySet().stream()
                .filter(name -> !killed.contains(name))
                .toList();
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

    /** Removes every container and then the network, each even if removing another one failed. */
    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(nginx);
        parts.addAll(instances.values());
        redis.ifPresent(parts::add);
        parts.add(network);
        IllegalStateException failure = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not remove all of the cluster", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private String startInstance() {
        String name = "app-" + (instances.size() + 1); // the killed count too: a name is never reused
        List<String> args = new ArrayList<>(List.of(name, mode.label()));
        if (denylist) {
            args.add(SessionApp.DENYLIST_FLAG);
        }
        if (mode == SessionMode.JWT) {
            args.add(SessionApp.TOKENS_FLAG + tokenSigning.label());
        }
        LogLines lines = new LogLines();
        JavaAppService instance = new JavaAppService(name, SessionApp.class, args.toArray(String[]::new))
                .withLibrariesOf(ClientLibraries.JEDIS)
                .withLibrariesOf(JWSObject.class)
                .withEnv(SessionApp.TOKEN_SECRET, TOKEN_KEY)
                .withExposedPorts(SessionApp.PORT)
                .withLogConsumer(lines)
                .onNetwork(network);
        if (tokenSigning != TokenSigning.HS256) {
            instance.withEnv(SessionApp.TOKEN_RSA_KEY, TokenKeyPair.RSA.toJSONString());
        }
        if (tokenSigning == TokenSigning.RS256_ALG_FROM_HEADER) {
            instance.withLibrariesOf(JOSE4J_WITH_BOUNCY_CASTLE);
        }
        instance.withReadinessProbe(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + instance.getHost() + ":"
                                + instance.getMappedPort(SessionApp.PORT) + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.discarding()));
        // Known before it starts, so that a failed start is removed with the rest of the cluster.
        instances.put(name, instance);
        output.put(name, lines);
        instance.start();
        return name;
    }

    /**
     * The RS256 key pair every instance of every cluster signs with, made once per JVM (as TOKEN_KEY is one
     * secret): in production it would come from a secret store.
     */
    private static final class TokenKeyPair {
        static final RSAKey RSA = generate();

        private static RSAKey generate() {
            try {
                return new RSAKeyGenerator(2048).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException("could not make an RSA key pair", e);
            }
        }
    }
}
