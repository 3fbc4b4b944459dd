package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JavaAppServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Claim("TK-6")
    void theProjectsOwnAppRunsOnTheJreImageAndIsReadyWhenItAnswers() throws Exception {
        // snippet:java-app
        JavaAppService app = new JavaAppService("hello", HelloHttpApp.class).withExposedPorts(HelloHttpApp.PORT);
        app.withReadinessProbe(() -> get(app));
        // end-snippet
        LogLines output = new LogLines();
        app.withLogConsumer(output);
        try (app) {
            app.start();
            assertThat(get(app)).as("the app answers as soon as start() returns").startsWith("hello from ");
            assertThat(output.await(line -> line.startsWith("listening"), Duration.ofSeconds(5)))
                    .as("what the app printed is recorded line by line").isEqualTo("listening on " + HelloHttpApp.PORT);
        }
    }

    private static String get(JavaAppService app) throws Exception {
        URI uri = URI.create("http://" + app.getHost() + ":" + app.getMappedPort(HelloHttpApp.PORT) + "/");
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
