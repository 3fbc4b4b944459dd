package interviewlab.support.demo;

import interviewlab.support.checks.PacketLoss;
import interviewlab.support.faults.Fault;
import interviewlab.support.faults.Faults;
import interviewlab.support.narration.Narrator;
import interviewlab.support.services.KafkaService;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.NginxService;
import interviewlab.support.services.RabbitMqService;
import interviewlab.support.services.RedisService;
import interviewlab.support.services.ShellService;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The lab's own toolkit, shown on real servers: how long each service takes to be ready, and what each fault
 * does. Every topic's tests are built from these pieces.
 */
public final class ToolkitDemo {
    private static final int KEYS = 100;
    private static final double LOSS = 0.30;
    private static final int PINGS = 1000;

    private final Narrator narrator = new Narrator();

    public static void main(String[] args) throws Exception {
        new ToolkitDemo().run();
    }

    private void run() throws Exception {
        readyTimes();
        killNine();
        gracefulRestart();
        pause();
        packetLoss();
        networkCut();
    }

    private void readyTimes() {
        narrator.scenario("Ready means a real client did real work: how long each service takes");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("service", "image", "ready in"));
        for (LabContainer<?> service : List.<LabContainer<?>>of(new RedisService(), new RabbitMqService(), new KafkaService(), new NginxService())) {
            try (service) {
                narrator.say("lab", "starting %s (%s)", service.serviceName(), service.getDockerImageName());
                long start = System.nanoTime();
                service.start();
                String seconds = String.format("%.1f s", (System.nanoTime() - start) / 1e9);
                narrator.say(service.serviceName(), "ready in %s", seconds);
                rows.add(List.of(service.serviceName(), service.getDockerImageName(), seconds));
            }
        }
        narrator.table(rows);
    }

    private void killNine() {
        narrator.scenario("kill -9: Redis with its default persistence loses what it had not saved");
        try (RedisService redis = new RedisService()) {
            redis.start();
            writeKeys(redis);
            narrator.say("nemesis", "kill -9 redis");
            Faults.killNine(redis);
            narrator.say("nemesis", "start the same container again");
            Faults.startAgain(redis);
            long left = keyCount(redis);
            narrator.say("client", "counts the keys: %d", left);
            narrator.verdict("%d of %d keys survived kill -9: no snapshot save point had been reached, and AOF is off by default", left, KEYS);
        }
    }

    private void gracefulRestart() {
        narrator.scenario("Graceful restart: SIGTERM lets Redis save before it exits");
        try (RedisService redis = new RedisService()) {
            redis.start();
            writeKeys(redis);
            int portBefore = redis.getMappedPort(RedisService.PORT);
            narrator.say("nemesis", "docker stop redis (SIGTERM), then docker start");
            Faults.restartGracefully(redis);
            narrator.say("lab", "host port was %d, is now %d: clients must re-read it", portBefore, redis.getMappedPort(RedisService.PORT));
            long left = keyCount(redis);
            narrator.say("client", "counts the keys: %d", left);
            narrator.verdict("%d of %d keys survived a graceful restart: Redis wrote its snapshot on shutdown", left, KEYS);
        }
    }

    private void pause() {
        narrator.scenario("Pause: the server is frozen, its connections stay open, nothing answers");
        try (RedisService redis = new RedisService()) {
            redis.start();
            try (Jedis client = redis.client()) {
                client.set("key", "value");
                narrator.say("nemesis", "docker pause redis");
                long start = System.nanoTime();
                try (Fault pause = Faults.pause(redis)) {
                    client.get("key");
                    narrator.say("client", "GET answered (unexpected)");
                } catch (JedisConnectionException e) {
                    narrator.say("client", "GET gave up after %.1f s: %s", (System.nanoTime() - start) / 1e9, e.getMessage());
                }
                narrator.say("nemesis", "docker unpause redis");
            }
            try (Jedis client = redis.client()) {
                narrator.verdict("paused, Redis timed its client out; unpaused, it answers '%s' as before", client.get("key"));
            }
        }
    }

    private void packetLoss() throws Exception {
        narrator.scenario("Packet loss in the kernel: iptables drops 30% of the packets a container receives");
        try (Network network = LabNetwork.create();
             ShellService target = new ShellService("target").onNetwork(network);
             ShellService prober = new ShellService("prober").onNetwork(network)) {
            target.start();
            prober.start();
            narrator.say("prober", "pings target %d times: %.1f%% lost", PINGS, 100 * PacketLoss.measure(prober, "target", PINGS).rate());
            narrator.say("nemesis", "iptables -I INPUT ! -i lo -m statistic --mode random --probability %.2f -j DROP (in target)", LOSS);
            double measured;
            try (Fault loss = Faults.dropIncomingPackets(target, LOSS)) {
                measured = PacketLoss.measure(prober, "target", PINGS).rate();
                narrator.say("prober", "pings target %d times: %.1f%% lost", PINGS, 100 * measured);
            }
            narrator.verdict("configured %.0f%% loss, measured %.1f%% over %d pings", 100 * LOSS, 100 * measured, PINGS);
        }
    }

    private void networkCut() {
        narrator.scenario("Network cut: every packet in and out is dropped, then the cut heals");
        try (RedisService redis = new RedisService()) {
            redis.start();
            narrator.say("nemesis", "cut redis off the network");
            try (Fault cut = Faults.cutNetwork(redis); Jedis client = redis.client()) {
                client.ping();
                narrator.say("client", "PING answered (unexpected)");
            } catch (JedisConnectionException e) {
                narrator.say("client", "PING failed: %s", e.getMessage());
            }
            narrator.say("nemesis", "heal the cut");
            try (Jedis client = redis.client()) {
                narrator.verdict("cut off, Redis could not be reached; healed, it answers %s", client.ping());
            }
        }
    }

    private void writeKeys(RedisService redis) {
        try (Jedis client = redis.client()) {
            for (int i = 0; i < KEYS; i++) {
                client.set("key-" + i, "value-" + i);
            }
        }
        narrator.say("client", "wrote %d keys", KEYS);
    }

    private static long keyCount(RedisService redis) {
        try (Jedis client = redis.client()) {
            return client.dbSize();
        }
    }
}
