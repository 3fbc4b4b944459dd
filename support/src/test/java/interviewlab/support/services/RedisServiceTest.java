package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.checks.RoundTrips;
import interviewlab.support.claims.Claim;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisServiceTest {

    @Test
    @Claim("TK-6")
    void aStartedRedisStoresAndReturnsAValue() {
        try (RedisService redis = new RedisService()) {
            redis.start();
            try (Jedis client = redis.client()) {
                assertThat(RoundTrips.redis(client, "hello"))
                        .as("the ready Redis gives back the message pushed")
                        .isEqualTo("hello");
                assertThat(client.info("server"))
                        .as("the image runs the pinned Redis version")
                        .contains("redis_version:" + LabImages.REDIS.version());
            }
        }
    }

    @Test
    void serverFlagsAreAddedToTheDefaults() {
        try (RedisService redis = new RedisService().withServerFlags("--appendonly", "yes")) {
            redis.start();
            try (Jedis client = redis.client()) {
                assertThat(client.configGet("appendonly"))
                        .as("--appendonly yes reached the server")
                        .containsEntry("appendonly", "yes");
            }
        }
    }
}
