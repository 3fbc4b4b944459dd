package interviewlab.support.services;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.CountDownLatch;

/**
 * A server whose port is open before it can serve, as one loading its data behind a listening socket: it listens at
 * once, and answers a request only once it has warmed up, which it does when the file {@link #WARM_FILE} appears.
 * Until then every request is accepted and waits.
 */
public final class WarmingUpApp {
    static final int PORT = 8080;
    static final String WARM_FILE = "/tmp/warmed-up";
    static final String ANSWER = "warmed up\n";

    public static void main(String[] args) throws IOException, InterruptedException {
        CountDownLatch warm = new CountDownLatch(1);
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 0);
        server.createContext("/", exchange -> {
            try {
                warm.await();
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        System.out.println("listening on " + PORT);
        awaitFile(Path.of(WARM_FILE));
        warm.countDown();
        System.out.println("warmed up");
    }

    private static void awaitFile(Path file) throws IOException, InterruptedException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            // Registered before the first look, so a file created in between is seen either way.
            while (!Files.exists(file)) {
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
            }
        }
    }
}
