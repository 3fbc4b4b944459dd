package interviewlab.statelessvsstateful.app;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The service the topic runs two or three of behind nginx: {@link SessionApi} on the JDK's HTTP server.
 *
 * <p>Usage: {@code SessionApp <instance-name> memory|redis|jwt [--denylist] [--tokens=hs256|rs256|rs256-alg-from-header]}.
 * JWT mode signs HS256 by default, with the key in the environment variable {@code TOKEN_SECRET} (at least 32
 * bytes); with {@code --tokens=rs256…} it signs RS256 with the key pair in {@code TOKEN_RSA_KEY} (a JWK with its
 * private part). Either is the same on every instance. A denylist is for HS256 tokens. Redis is reached at
 * {@code redis:6379}, its name on the network.
 */
public final class SessionApp {
    public static final int PORT = 8080;
    public static final String TOKEN_SECRET = "TOKEN_SECRET";
    public static final String TOKEN_RSA_KEY = "TOKEN_RSA_KEY";
    public static final String DENYLIST_FLAG = "--denylist";
    public static final String TOKENS_FLAG = "--tokens=";
    private static final String USAGE = "usage: SessionApp <instance-name> memory|redis|jwt [" + DENYLIST_FLAG + "] ["
            + TOKENS_FLAG + "hs256|rs256|rs256-alg-from-header]";

    public static void main(String[] args) throws IOException {
        Optional<SessionMode> mode = args.length < 2
                ? Optional.empty()
                : Arrays.stream(SessionMode.values())
                        .filter(m -> m.label().equals(args[1]))
                        .findFirst();
        boolean denylist = false;
        TokenSigning signing = TokenSigning.HS256;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals(DENYLIST_FLAG)) {
                denylist = true;
            } else if (args[i].startsWith(TOKENS_FLAG)) {
                String label = args[i].substring(TOKENS_FLAG.length());
                signing = Arrays.stream(TokenSigning.values())
                        .filter(s -> s.label().equals(label))
                        .findFirst()
                        .orElseGet(SessionApp::usage);
            } else {
                usage();
            }
        }
        if (mode.isEmpty() || (denylist && signing != TokenSigning.HS256)) {
            usage();
        }
        // Redis restarts with a new address: never connect from a cached DNS lookup, found or not found.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        String instance = args[0];
        SessionApi api = new SessionApi(instance, sessions(mode.get(), denylist, signing));

        HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> serve(api, instance, exchange));
        // docker stop sends SIGTERM: stop taking requests, let the ones in flight finish, then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
        server.start();
        System.out.println(instance + " serving " + mode.get().label() + " sessions on " + PORT);
    }

    private static Sessions sessions(SessionMode mode, boolean denylist, TokenSigning signing) {
        return switch (mode) {
            case MEMORY -> new MemorySessions();
            case REDIS -> new RedisSessions(redis());
            case JWT ->
                switch (signing) {
                    case HS256 -> {
                        byte[] key = requiredEnv(TOKEN_SECRET).getBytes(StandardCharsets.UTF_8);
                        yield denylist ? new TokenSessions(key, redis()) : new TokenSessions(key);
                    }
                    case RS256, RS256_ALG_FROM_HEADER -> TokenSessions.rs256(rsaKeyPair(), signing);
                };
        };
    }

    private static <T> T usage() {
        System.err.println(USAGE);
        System.exit(2);
        throw new IllegalStateException("exited");
    }

    private static RSAKey rsaKeyPair() {
        try {
            return RSAKey.parse(requiredEnv(TOKEN_RSA_KEY));
        } catch (ParseException e) {
            throw new IllegalArgumentException(TOKEN_RSA_KEY + " is not an RSA JWK", e);
        }
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null) {
            System.err.println("jwt mode needs its signing key in " + name);
            System.exit(2);
        }
        return value;
    }

    private static RedisClient redis() {
        return RedisClient.create("redis", 6379);
    }

    private static void serve(SessionApi api, String instance, HttpExchange exchange) throws IOException {
        try (exchange) {
            SessionApi.Response response;
            try {
                response = api.handle(new SessionApi.Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        sessionCookie(exchange.getRequestHeaders().getOrDefault("Cookie", List.of())),
                        form(exchange.getRequestBody())));
            } catch (JedisException storeFailed) {
                response = SessionApi.Response.of(503, "session store unavailable, says " + instance + "\n");
            }
            exchange.getResponseHeaders().set(SessionApi.SERVED_BY, instance);
            response.setSessionCookie()
                    .ifPresent(value -> exchange.getResponseHeaders()
                            .set(
                                    "Set-Cookie",
                                    SessionApi.COOKIE + "=" + value + "; Path=/; HttpOnly"
                                            + (value.isEmpty() ? "; Max-Age=0" : "")));
            // The W3C Server-Timing header: how long this request spent finding its session.
            response.lookupMillis()
                    .ifPresent(millis -> exchange.getResponseHeaders()
                            .set("Server-Timing", String.format(Locale.ROOT, "session;dur=%.3f", millis)));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Optional<String> sessionCookie(List<String> cookieHeaders) {
        return cookieHeaders.stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::strip)
                .filter(pair -> pair.startsWith(SessionApi.COOKIE + "="))
                .map(pair -> pair.substring(SessionApi.COOKIE.length() + 1))
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> fields = new HashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
