package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.claims.Claim;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.Wait;

class JavaAppServiceTest {
    /** Bounds on every call, so that a server that hangs fails the test instead of hanging the suite. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    @Test
    @Claim("TK-6")
    void theProjectsOwnAppRunsOnTheJreImageAndIsReadyWhenItAnswers() throws Exception {
        // given: the probe asks only for a 200
        // snippet:java-app
        JavaAppService app = new JavaAppService("hello", HelloHttpApp.class).withExposedPorts(HelloHttpApp.PORT);
        app.withReadinessProbe(() -> get(app));
        // end-snippet
        LogLines output = new LogLines();
        app.withLogConsumer(output);
        try (app) {
            // when
            app.start();

            // then: what answers is the app, run from this module's classes, in this container
            String hostname = app.getContainerInfo().getConfig().getHostName();
            assertThat(get(app))
                    .as("as soon as start() returns, the app in this container answers with its host's name")
                    .isEqualTo("hello from " + hostname + "\n");
            assertThat(output.await(line -> line.startsWith("listening"), Duration.ofSeconds(5)))
                    .as("what the app printed is recorded line by line")
                    .isEqualTo("listening on " + HelloHttpApp.PORT);
            assertThat(app.execInContainer("java", "-version").getStderr())
                    .as("the image runs the pinned Java version")
                    .contains("version \"" + LabImages.JRE.version());
        }
    }

    @Test
    @Claim("TK-6")
    void anOpenPortIsNotReadinessButTheLabsRealRequestIs() throws Exception {
        // given: an app that listens at once and answers only once it has warmed up, started with Testcontainers'
        // port-open wait instead of the lab's readiness (the control)
        JavaAppService app = new JavaAppService("warming-up", WarmingUpApp.class).withExposedPorts(WarmingUpApp.PORT);
        app.withReadinessProbe(() -> get(app));
        app.waitingFor(Wait.forListeningPort());
        try (app) {
            app.start();

            // then: the port-open wait called it ready, yet a real request gets no answer
            assertThatCode(() -> connect(app))
                    .as("the port is open: a TCP connection is accepted")
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> get(app))
                    .as("the server behind the open port answers nothing yet: the request times out")
                    .isExactlyInstanceOf(HttpTimeoutException.class);
            // and the lab's readiness (the wait start() runs, with its real request) does not call it ready
            assertThatThrownBy(() -> app.awaitReady(Duration.ofSeconds(5)))
                    .as("the lab's readiness waits for an answer, not for a port")
                    .isInstanceOf(ContainerLaunchException.class);

            // when: the app warms up
            app.run("touch", WarmingUpApp.WARM_FILE);

            // then: the lab's readiness calls it ready, and then the real request is answered
            app.awaitReady(Duration.ofSeconds(30));
            assertThat(get(app))
                    .as("once the lab calls the app ready, it serves")
                    .isEqualTo(WarmingUpApp.ANSWER);
        }
    }

    /** A GET of / on the app's one exposed port; its body, or an exception unless the answer is a 200. */
    private static String get(JavaAppService app) throws Exception {
        URI uri = URI.create("http://" + app.getHost() + ":"
                + app.getMappedPort(app.getExposedPorts().get(0)) + "/");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static void connect(JavaAppService app) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(app.getHost(), app.getMappedPort(WarmingUpApp.PORT)), (int)
                    CONNECT_TIMEOUT.toMillis());
        }
    }
}
