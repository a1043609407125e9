package io.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestServicesIntegrationTests {

  @Test
  void deleteKeysRemovesExactlyTheMatchingKeysAcrossScanPages() {
    String run = "pulse-cleanup-" + UUID.randomUUID().toString().substring(0, 8);
    RedisClient client =
        RedisClient.create(RedisURI.create(TestServices.REDIS_HOST, TestServices.REDIS_PORT));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      // More keys than one SCAN page (1,000), and a neighbour that must stay.
      for (int i = 0; i < 2_500; i++) {
        redis.set(run + "-a:{d:" + i + "}:k", "1");
      }
      redis.set(run + "-b:keep", "1");

      long deleted = TestServices.deleteKeys(run + "-a*");

      assertThat(deleted).isEqualTo(2_500);
      assertThat(redis.keys(run + "-a*")).isEmpty();
      assertThat(redis.get(run + "-b:keep")).isEqualTo("1");
      redis.unlink(run + "-b:keep");
    } finally {
      client.shutdown();
    }
  }
}
