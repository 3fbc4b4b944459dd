package interviewlab.support.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.images.builder.Transferable;

/** nginx, by default serving Debian's welcome page; ready when it answers an HTTP request with any status. */
public final class NginxService extends LabContainer<NginxService> {
    public static final int PORT = 80;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public NginxService() {
        super(LabImages.NGINX, "nginx");
        withExposedPorts(PORT);
    }

    /** Replaces /etc/nginx/nginx.conf, for example with a load balancer's upstream block. */
    public NginxService withNginxConf(String nginxConf) {
        return withCopyToContainer(Transferable.of(nginxConf), "/etc/nginx/nginx.conf");
    }

    /** The URL of a path on the current host port. */
    public URI url(String path) {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT) + path);
    }

    @Override
    protected void probe() throws Exception {
        HTTP.send(HttpRequest.newBuilder(url("/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
