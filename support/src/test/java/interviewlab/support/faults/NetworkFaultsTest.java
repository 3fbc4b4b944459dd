package interviewlab.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import interviewlab.support.checks.PacketLoss;
import interviewlab.support.claims.Claim;
import interviewlab.support.services.LabNetwork;
import interviewlab.support.services.RedisService;
import interviewlab.support.services.ShellService;
import java.util.List;
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
    /* At p = 0.1 the same tolerance is 8.4 standard deviations (0.0095); at 1 - 0.9^6 = 0.47 it is 5.1 (0.0158). */
    private static final double FRAGMENT_LOSS = 0.10;
    private static final int FRAGMENTED_PING = 8_000;
    /** 8,008 bytes of ICMP in IP packets of 1,500 bytes, 1,480 of them payload: 6 fragments. */
    private static final int FRAGMENTS = 6;

    @Test
    @Claim("TK-4")
    void packetLossDropsTheConfiguredShareOfPackets() throws Exception {
        try (Network network = LabNetwork.create();
                ShellService target = new ShellService("target").onNetwork(network);
                ShellService prober = new ShellService("prober").onNetwork(network)) {
            target.start();
            prober.start();

            // given: without the fault, nothing is lost (the control)
            double lossBefore = PacketLoss.measure(prober, "target", PINGS).rate();

            // when: the target drops 30% of the packets it receives
            double lossDuring;
            // snippet:packet-loss
            try (Fault loss = Faults.dropIncomingPackets(target, CONFIGURED_LOSS)) {
                lossDuring = PacketLoss.measure(prober, "target", PINGS).rate();
            }
            // end-snippet

            // then
            System.out.printf(
                    "configured loss %.2f, measured %.3f over %d pings (without the fault: %.3f)%n",
                    CONFIGURED_LOSS, lossDuring, PINGS, lossBefore);
            assertThat(lossBefore).as("without the fault no ping is lost").isZero();
            assertThat(lossDuring)
                    .as("the measured loss rate is the configured one, within noise")
                    .isCloseTo(CONFIGURED_LOSS, within(TOLERANCE));
            assertThat(PacketLoss.measure(prober, "target", PINGS).rate())
                    .as("healed, nothing is lost again")
                    .isZero();
        }
    }

    @Test
    @Claim("TK-15")
    void lossBeforeReassemblyLosesAFragmentedDatagramWhenAnyOfItsFragmentsIsLost() throws Exception {
        try (Network network = LabNetwork.create();
                ShellService target = new ShellService("target").onNetwork(network);
                ShellService prober = new ShellService("prober").onNetwork(network)) {
            target.start();
            prober.start();

            // given: pings of 8,000 bytes, each request 6 IP fragments on the network's 1,500-byte MTU, as the
            // target's kernel counts them (ReasmReqds: fragments received that needed reassembly)
            long fragmentsBefore = ipCounter(target, "ReasmReqds");
            PacketLoss.measure(prober, "target", 1, FRAGMENTED_PING);
            assertThat(ipCounter(target, "ReasmReqds") - fragmentsBefore)
                    .as("one 8,000-byte ping arrives as %d fragments", FRAGMENTS)
                    .isEqualTo(FRAGMENTS);

            // when: 10% of packets are dropped after reassembly (iptables), then before it (nftables, ahead of defrag)
            double afterReassembly;
            try (Fault loss = Faults.dropIncomingPackets(target, FRAGMENT_LOSS)) {
                afterReassembly = PacketLoss.measure(prober, "target", PINGS, FRAGMENTED_PING)
                        .rate();
            }
            double beforeReassembly;
            try (Fault loss = Faults.dropIncomingPacketsBeforeReassembly(target, FRAGMENT_LOSS)) {
                beforeReassembly = PacketLoss.measure(prober, "target", PINGS, FRAGMENTED_PING)
                        .rate();
            }

            // then
            System.out.printf(
                    "8,000-byte pings at %.2f loss: %.3f lost when dropped after reassembly, %.3f before%n",
                    FRAGMENT_LOSS, afterReassembly, beforeReassembly);
            assertThat(afterReassembly)
                    .as("iptables sees the reassembled datagram: it is dropped like one packet")
                    .isCloseTo(FRAGMENT_LOSS, within(TOLERANCE));
            assertThat(beforeReassembly)
                    .as("dropped before reassembly, losing any of its 6 fragments loses the datagram: 1 - 0.9^6")
                    .isCloseTo(1 - Math.pow(1 - FRAGMENT_LOSS, FRAGMENTS), within(TOLERANCE));
            assertThat(PacketLoss.measure(prober, "target", PINGS, FRAGMENTED_PING)
                            .rate())
                    .as("healed, nothing is lost again")
                    .isZero();
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
                assertThatThrownBy(() -> ping(redis))
                        .as("a cut-off server cannot be reached")
                        .isInstanceOf(JedisConnectionException.class);
            }

            // and once healed, it answers with its data
            try (Jedis client = redis.client()) {
                assertThat(client.get("key"))
                        .as("healed, the server is reachable and kept its data")
                        .isEqualTo("value");
            }
        }
    }

    /** A counter of the Ip line in the container's /proc/net/snmp, which is its own network namespace's. */
    private static long ipCounter(ShellService container, String name) {
        List<String> ipLines = container
                .run("cat", "/proc/net/snmp")
                .lines()
                .filter(line -> line.startsWith("Ip: "))
                .toList();
        List<String> names = List.of(ipLines.get(0).split(" "));
        return Long.parseLong(ipLines.get(1).split(" ")[names.indexOf(name)]);
    }

    private static void ping(RedisService redis) {
        try (Jedis client = redis.client()) {
            client.ping();
        }
    }
}
