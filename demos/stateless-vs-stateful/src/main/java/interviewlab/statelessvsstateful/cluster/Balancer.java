package interviewlab.statelessvsstateful.cluster;

import interviewlab.statelessvsstateful.app.SessionApp;
import java.time.Duration;
import java.util.List;

/**
 * How nginx spreads requests over the instances, rendered as the nginx.conf that does it.
 *
 * @param routing             which instance a request goes to first
 * @param readTimeout         how long nginx waits for an instance's answer before it calls the instance failed
 * @param replayNonIdempotent whether nginx may send a POST that timed out to another instance as well
 */
public record Balancer(Routing routing, Duration readTimeout, boolean replayNonIdempotent) {
    public enum Routing {
        /** nginx's default: each request to the next instance in turn. */
        ROUND_ROBIN,
        /** Sticky: the client's address picks the instance. */
        IP_HASH,
        /** Everything to the first instance; the others only when it fails (nginx's {@code backup}). */
        PRIMARY_WITH_BACKUP
    }

    private static final Duration PATIENT = Duration.ofSeconds(10);

    public static Balancer roundRobin() {
        return new Balancer(Routing.ROUND_ROBIN, PATIENT, false);
    }

    public static Balancer ipHash() {
        return new Balancer(Routing.IP_HASH, PATIENT, false);
    }

    /** A primary that the tests make hang, an impatient nginx, and a backup it retries on. */
    public static Balancer primaryWithBackup(Duration readTimeout, boolean replayNonIdempotent) {
        return new Balancer(Routing.PRIMARY_WITH_BACKUP, readTimeout, replayNonIdempotent);
    }

    /** The nginx.conf for these instances, reached by their names on the network. */
    public String nginxConf(List<String> instances) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < instances.size(); i++) {
            String server = instances.get(i) + ":" + SessionApp.PORT;
            String parameters = switch (routing) {
                case ROUND_ROBIN, IP_HASH -> "";
                // max_fails=0: the primary is tried first every time, however often it failed before.
                case PRIMARY_WITH_BACKUP -> i == 0 ? " max_fails=0" : " backup";
            };
            servers.append("    server ").append(server).append(parameters).append(";\n");
        }
        return """
                # One worker: its round-robin turn and its count of failures are the whole balancer's.
                worker_processes 1;
                events {}
                http {
                  access_log off;
                  # A new connection per request, so after a reload no client is left talking to an old worker.
                  keepalive_timeout 0;
                  upstream app {
                %s%s  }
                  server {
                    listen 80;
                    # The tests play many clients from one host, each naming its address in X-Forwarded-For.
                    # In production, set_real_ip_from lists only the proxies you trust.
                    set_real_ip_from 0.0.0.0/0;
                    real_ip_header X-Forwarded-For;
                    location / {
                      proxy_pass http://app;
                      proxy_connect_timeout 1s;
                      proxy_read_timeout %ds;
                      proxy_next_upstream %s;
                    }
                  }
                }
                """.formatted(
                        routing == Routing.IP_HASH ? "    ip_hash;\n" : "",
                        servers,
                        readTimeout.toSeconds(),
                        replayNonIdempotent ? "error timeout non_idempotent" : "error timeout");
    }
}
