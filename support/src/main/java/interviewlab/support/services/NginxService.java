package interviewlab.support.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.testcontainers.images.builder.Transferable;

/** nginx, by default serving Debian's welcome page; ready when it answers an HTTP request with any status. */
public final class NginxService extends LabContainer<NginxService> {
    public static final int PORT = 80;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public NginxService() {
        super(LabImages.NGINX, "nginx");
        withExposedPorts(PORT);
    }

    /** Replaces /etc/nginx/nginx.conf, for example with a load balancer's upstream block. */
    public NginxService withNginxConf(String nginxConf) {
        return withCopyToContainer(Transferable.of(nginxConf), "/etc/nginx/nginx.conf");
    }

    /**
     * Swaps the running nginx onto a new config, as an operator would: checks it with {@code nginx -t} first (a
     * reload with a broken config would be refused only in nginx's error log, the old one running on), puts it in
     * place and signals the reload. Returns once every worker that served the old config has exited, so every
     * new connection meets the new one.
     */
    public void reload(String nginxConf) {
        String candidate = "/etc/nginx/nginx.conf.candidate";
        copyFileToContainer(Transferable.of(nginxConf), candidate);
        run("nginx", "-t", "-c", candidate);
        run("mv", candidate, "/etc/nginx/nginx.conf");
        Set<String> oldWorkers = workerPids();
        run("nginx", "-s", "reload");
        Awaitility.await("nginx's workers of the old config have exited")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Set<String> workers = workerPids();
                    return !workers.isEmpty() && Collections.disjoint(workers, oldWorkers);
                });
    }

    /** The process ids of nginx's workers ("proces[s]": the pattern must not match this shell's own command line). */
    private Set<String> workerPids() {
        String pids = run("sh", "-c", "pgrep -f 'nginx: worker proces[s]' || true");
        return pids.lines().map(String::strip).filter(pid -> !pid.isEmpty()).collect(Collectors.toSet());
    }

    /** The URL of a path on the current host port. */
    public URI url(String path) {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT) + path);
    }

    @Override
    protected void probe() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(url("/")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
