package interviewlab.statelessvsstateful.app;

import java.util.Map;
import java.util.Optional;

/**
 * The service's whole behaviour, as a function from a request to a response, apart from any HTTP server: which
 * is what makes it testable without one. What it remembers between requests is the {@link Sessions} it is given.
 *
 * <ul>
 *   <li>{@code POST /login} with {@code user} and {@code locale}: starts a session, sets the {@code session} cookie;</li>
 *   <li>{@code GET /me}: who the cookie says is logged in, or 401;</li>
 *   <li>{@code POST /logout}: ends the session and clears the cookie;</li>
 *   <li>{@code POST /orders} with {@code id}: places an order (prints it), a request that must not run twice;</li>
 *   <li>{@code GET /public-key}: the key that checks the cookies, where the mode publishes one (RS256 tokens), or 404;</li>
 *   <li>{@code GET /health}: 200 once the instance serves.</li>
 * </ul>
 * Every response names the instance that served it.
 */
public final class SessionApi {
    public static final String COOKIE = "session";
    public static final String SERVED_BY = "X-Served-By";

    private final String instance;
    private final Sessions sessions;

    public SessionApi(String instance, Sessions sessions) {
        this.instance = instance;
        this.sessions = sessions;
    }

    /** A request as the handler sees it: method, path, the session cookie if one was sent, and the form fields. */
    public record Request(String method, String path, Optional<String> sessionCookie, Map<String, String> form) {}

    /**
     * A response: status, body, the session cookie to set ({@code ""} clears it) if any, and for "who am I?" how
     * long finding the session took.
     */
    public record Response(int status, String body, Optional<String> setSessionCookie, Optional<Double> lookupMillis) {
        static Response of(int status, String body) {
            return new Response(status, body, Optional.empty(), Optional.empty());
        }
    }

    public Response handle(Request request) {
        String route = request.method() + " " + request.path();
        return switch (route) {
            case "POST /login" -> login(request.form());
            case "GET /me" -> me(request.sessionCookie());
            case "POST /logout" -> logout(request.sessionCookie());
            case "POST /orders" -> placeOrder(request.form().getOrDefault("id", ""));
            case "GET /public-key" ->
                sessions.publishedKey()
                        .map(pem -> Response.of(200, pem))
                        .orElseGet(() -> Response.of(404, "no public key: these sessions are not checked with one\n"));
            case "GET /health" -> Response.of(200, "ok from " + instance + "\n");
            default -> Response.of(404, "no route " + route + "\n");
        };
    }

    private Response login(Map<String, String> form) {
        String name = form.getOrDefault("user", "");
        if (name.isBlank()) {
            return Response.of(400, "login needs a user\n");
        }
        String cookie = sessions.login(new User(name, form.getOrDefault("locale", "en")));
        return new Response(
                200, "welcome " + name + ", from " + instance + "\n", Optional.of(cookie), Optional.empty());
    }

    private Response me(Optional<String> cookie) {
        long start = System.nanoTime();
        Optional<User> user = cookie.flatMap(sessions::lookup);
        double lookupMillis = (System.nanoTime() - start) / 1e6;
        return user.map(u -> new Response(
                        200,
                        u.name() + " (" + u.locale() + "), served by " + instance + "\n",
                        Optional.empty(),
                        Optional.of(lookupMillis)))
                .orElseGet(() -> new Response(
                        401, "not logged in, says " + instance + "\n", Optional.empty(), Optional.of(lookupMillis)));
    }

    private Response logout(Optional<String> cookie) {
        cookie.ifPresent(sessions::logout);
        return new Response(200, "logged out by " + instance + "\n", Optional.of(""), Optional.empty());
    }

    private Response placeOrder(String id) {
        if (id.isBlank()) {
            return Response.of(400, "an order needs an id\n");
        }
        System.out.println("placed order " + id);
        return Response.of(200, "placed order " + id + " on " + instance + "\n");
    }
}
