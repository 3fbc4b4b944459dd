package interviewlab.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.claims.Claim;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.RedisService;
import interviewlab.support.services.ShellService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The network faults: iptables rules inside the container's own network namespace. */
class NetworkFaultsTest {
    private static final int PINGS = 1000;
    private static final double CONFIGURED_LOSS = 0.30;
    /*
     * Each ping is lost independently with p = 0.30, so over 1000 pings the measured rate has a standard
     * deviation of sqrt(0.3 * 0.7 / 1000) = 0.0145. A tolerance of 0.08 is 5.5 of those: noise breaks it about
     * once in 10^7 runs, while a rule that dropped nothing (0.0) or everything (1.0) is far outside it.
     */
    private static final double TOLERANCE = 0.08;
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    @Claim("TK-4")
    void packetLossDropsTheConfiguredShareOfPackets() throws Exception {
        try (Network network = LabNetwork.create();
             ShellService target = new ShellService("target").onNetwork(network);
             ShellService prober = new ShellService("prober").onNetwork(network)) {
            target.start();
            prober.start();

            // given: without the fault, nothing is lost (the control)
            double lossBefore = measuredLoss(prober);

            // when: the target drops 30% of the packets it receives
            double lossDuring;
            // snippet:packet-loss
            try (Fault loss = Faults.dropIncomingPackets(target, CONFIGURED_LOSS)) {
                lossDuring = measuredLoss(prober);
            }
            // end-snippet

            // then
            System.out.printf("configured loss %.2f, measured %.3f over %d pings (without the fault: %.3f)%n",
                    CONFIGURED_LOSS, lossDuring, PINGS, lossBefore);
            assertThat(lossBefore).as("without the fault no ping is lost").isZero();
            assertThat(lossDuring).as("the measured loss rate is the configured one, within noise")
                    .isCloseTo(CONFIGURED_LOSS, within(TOLERANCE));
            assertThat(measuredLoss(prober)).as("healed, nothing is lost again").isZero();
        }
    }

    @Test
    @Claim("TK-5")
    void aCutNetworkMakesTheServiceUnreachableUntilHealed() {
        try (RedisService redis = new RedisService()) {
            // given: a reachable Redis
            redis.start();
            try (Jedis client = redis.client()) {
                client.set("key", "value");
            }

            // when: every packet into and out of it is dropped
            try (Fault cut = Faults.cutNetwork(redis)) {
                // then
                assertThatThrownBy(() -> ping(redis)).as("a cut-off server cannot be reached").isInstanceOf(JedisConnectionException.class);
            }

            // and once healed, it answers with its data
            try (Jedis client = redis.client()) {
                assertThat(client.get("key")).as("healed, the server is reachable and kept its data").isEqualTo("value");
            }
        }
    }

    private static void ping(RedisService redis) {
        try (Jedis client = redis.client()) {
            client.ping();
        }
    }

    /** Pings the target 1000 times, 5 ms apart, and returns the share that got no reply. */
    private static double measuredLoss(ShellService prober) throws Exception {
        // ping exits 1 when a reply is missing; the summary line is what counts
        String output = prober.run("sh", "-c", "ping -q -n -c " + PINGS + " -i 0.005 -W 1 target || true");
        Matcher summary = PING_SUMMARY.matcher(output);
        assertThat(summary.find()).as("ping printed its summary: %s", output).isTrue();
        int transmitted = Integer.parseInt(summary.group(1));
        int received = Integer.parseInt(summary.group(2));
        return 1.0 - (double) received / transmitted;
    }
}
