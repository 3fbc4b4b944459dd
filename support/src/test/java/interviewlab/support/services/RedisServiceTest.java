package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;

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
                client.set("greeting", "hello");
                assertThat(client.get("greeting")).as("the ready Redis answers with what it stored").isEqualTo("hello");
                assertThat(client.info("server")).as("the image runs the pinned Redis version")
                        .contains("redis_version:" + LabImages.REDIS.version());
            }
        }
    }

    @Test
    void serverFlagsAreAddedToTheDefaults() {
        try (RedisService redis = new RedisService().withServerFlags("--appendonly", "yes")) {
            redis.start();
            try (Jedis client = redis.client()) {
                assertThat(client.configGet("appendonly")).as("--appendonly yes reached the server").containsEntry("appendonly", "yes");
            }
        }
    }
}
