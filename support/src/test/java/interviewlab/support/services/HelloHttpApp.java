package interviewlab.support.services;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The smallest app a topic could run in the JRE image: answers every request with its host's name. */
public final class HelloHttpApp {
    static final int PORT = 8080;

    public static void main(String[] args) throws IOException {
        byte[] hello =
                ("hello from " + InetAddress.getLocalHost().getHostName() + "\n").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, hello.length);
            exchange.getResponseBody().write(hello);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + PORT);
    }
}
