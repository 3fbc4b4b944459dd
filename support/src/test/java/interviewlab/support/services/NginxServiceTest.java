package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.claims.Claim;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NginxServiceTest {
    /** Bounds on every call, so that a server that hangs fails the test instead of hanging the suite. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    @Test
    @Claim("TK-6")
    void aStartedNginxServesItsWelcomePage() throws Exception {
        try (NginxService nginx = new NginxService()) {
            nginx.start();
            HttpResponse<String> response = get(nginx);
            assertThat(response.statusCode()).as("the ready nginx answers").isEqualTo(200);
            assertThat(response.body()).contains("Welcome to nginx");
            assertThat(nginx.execInContainer("nginx", "-v").getStderr())
                    .as("the image runs the pinned nginx version")
                    .contains("nginx/" + LabImages.NGINX.version());
        }
    }

    @Test
    void aTopicsOwnConfigReplacesTheDefault() throws Exception {
        String conf = """
                events {}
                http {
                  server {
                    listen 80;
                    location / { return 200 "from the topic's config\\n"; }
                  }
                }
                """;
        try (NginxService nginx = new NginxService().withNginxConf(conf)) {
            nginx.start();
            assertThat(get(nginx).body())
                    .as("nginx runs the config it was given")
                    .isEqualTo("from the topic's config\n");
        }
    }

    @Test
    void aReloadSwapsTheConfigWithoutARestartAndRefusesABrokenOne() throws Exception {
        try (NginxService nginx = new NginxService().withNginxConf(answering("first"))) {
            nginx.start();
            String master = nginx.execInContainer("cat", "/run/nginx.pid").getStdout();

            nginx.reload(answering("second"));
            assertThat(get(nginx).body())
                    .as("once reload returns, nginx answers from the new config")
                    .isEqualTo("second\n");

            assertThatThrownBy(() -> nginx.reload("this is not an nginx config"))
                    .as("a broken config is refused before the reload, not silently ignored by nginx")
                    .hasMessageContaining("nginx -t -c");
            assertThat(get(nginx).body()).as("the running config is untouched").isEqualTo("second\n");
            assertThat(nginx.execInContainer("cat", "/run/nginx.pid").getStdout())
                    .as("a reload keeps the master process: no restart")
                    .isEqualTo(master);
        }
    }

    /** A config answering every request with the body; no keep-alive, so each request meets the config running now. */
    private static String answering(String body) {
        return """
                events {}
                http {
                  keepalive_timeout 0;
                  server {
                    listen 80;
                    location / { return 200 "%s\\n"; }
                  }
                }
                """.formatted(body);
    }

    private static HttpResponse<String> get(NginxService nginx) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(nginx.url("/")).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
