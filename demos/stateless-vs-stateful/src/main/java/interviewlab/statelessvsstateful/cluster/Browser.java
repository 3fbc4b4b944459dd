package interviewlab.statelessvsstateful.cluster;

import interviewlab.statelessvsstateful.app.SessionApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user's browser: it keeps the session cookie the service sets and sends it back, and comes from its own
 * address (which nginx reads from X-Forwarded-For), so one test can play many clients.
 */
public final class Browser {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SESSION_COOKIE = Pattern.compile("^" + SessionApi.COOKIE + "=([^;]*)");
    private static final Pattern SERVER_TIMING = Pattern.compile("session;dur=([0-9.]+)");

    private final Function<String, URI> url;
    private final String address;
    private Optional<String> cookie;

    /** A browser from this IPv4 address, sending its requests to the URL {@code url} gives for a path. */
    public Browser(Function<String, URI> url, String address) {
        this(url, address, Optional.empty());
    }

    private Browser(Function<String, URI> url, String address, Optional<String> cookie) {
        this.url = url;
        this.address = address;
        this.cookie = cookie;
    }

    public Reply login(String user, String locale) {
        return post("/login", "user=" + encode(user) + "&locale=" + encode(locale));
    }

    public Reply me() {
        return send(HttpRequest.newBuilder(url.apply("/me")).GET());
    }

    public Reply logout() {
        return post("/logout", "");
    }

    public Reply placeOrder(String id) {
        return post("/orders", "id=" + encode(id));
    }

    /** The key the service publishes for checking its tokens (RS256), as anyone can fetch it. */
    public Reply publicKey() {
        return send(HttpRequest.newBuilder(url.apply("/public-key")).GET());
    }

    public Reply health() {
        return send(HttpRequest.newBuilder(url.apply("/health")).GET());
    }

    /** The cookie this browser holds: a session id, or the token itself. */
    public Optional<String> cookie() {
        return cookie;
    }

    /** Another browser at the same address holding a copy of this cookie: what anyone who copied it can do. */
    public Browser withCookie(String copied) {
        return new Browser(url, address, Optional.of(copied));
    }

    private Reply post(String path, String form) {
        return send(HttpRequest.newBuilder(url.apply(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Reply send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", address);
        cookie.ifPresent(value -> request.header("Cookie", SessionApi.COOKIE + "=" + value));
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        response.headers()
                .firstValue("Set-Cookie")
                .map(SESSION_COOKIE::matcher)
                .filter(Matcher::find)
                .ifPresent(set -> cookie = set.group(1).isEmpty() ? Optional.empty() : Optional.of(set.group(1)));
        Optional<Double> lookupMillis = response.headers()
                .firstValue("Server-Timing")
                .map(SERVER_TIMING::matcher)
                .filter(Matcher::find)
                .map(timing -> Double.parseDouble(timing.group(1)));
        return new Reply(
                response.statusCode(),
                response.headers().firstValue(SessionApi.SERVED_BY),
                response.body(),
                lookupMillis,
                took);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
