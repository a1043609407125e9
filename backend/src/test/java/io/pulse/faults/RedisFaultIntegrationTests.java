package io.pulse.faults;

import static org.awaitility.Awaitility.await;

import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.OwnRedis;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Redis rows of the fault matrix (docs/reliability.md), against a redis-server of the test's
 * own: while a sender posts feedback and retries what is not acknowledged, Redis is killed and
 * restarted empty, paused, has its clients killed, is flushed, and is restarted three times in a
 * row. After each, with nobody's help: every acknowledged event is counted exactly once, the open
 * dealer stream said it was paused and came back by itself, and the time each took is written to
 * {@code target/fault-matrix.txt}. The background loops run as in production, only faster.
 */
@ContextConfiguration(initializers = IsolatedServicesInitializer.class)
class RedisFaultIntegrationTests extends FaultScenarios {

  static final OwnRedis redis;

  static {
    try {
      redis = new OwnRedis();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void ownRedis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", redis::port);
  }

  @AfterAll
  static void stopRedis() throws InterruptedException {
    redis.close();
  }

  @Test
  void killedAndRestartedEmptyDuringIngest() throws Exception {
    survives(
        "Redis kill -9, down until streams say paused, restarted empty",
        watch -> {
          int refused = watch.sender().refusals();
          redis.kill();
          // Down long enough for everyone to notice: senders are refused, streams say paused.
          await()
              .atMost(Duration.ofSeconds(15))
              .until(() -> watch.saidPaused() && watch.sender().refusals() > refused);
          redis.start();
        });
  }

  @Test
  void allClientsPausedForFiveSeconds() throws Exception {
    survives(
        "Redis CLIENT PAUSE 5 s",
        watch -> {
          redis.command("CLIENT", "PAUSE", "5000", "ALL");
          // Answered once the pause is over: the times below count from its end.
          redis.command("PING");
        });
  }

  @Test
  void theBackendsConnectionsKilled() throws Exception {
    survives(
        "Redis CLIENT KILL of every connection",
        watch -> {
          redis.command("CLIENT", "KILL", "TYPE", "normal");
          redis.command("CLIENT", "KILL", "TYPE", "pubsub");
        });
  }

  @Test
  void flushedDuringIngest() throws Exception {
    survives("Redis FLUSHALL", watch -> redis.command("FLUSHALL"));
  }

  @Test
  void restartedThreeTimesInARow() throws Exception {
    survives(
        "Redis kill -9 and restart, three times in a row",
        watch -> {
          for (int i = 0; i < 3; i++) {
            int refused = watch.sender().refusals();
            redis.kill();
            await().atMost(Duration.ofSeconds(15)).until(() -> watch.sender().refusals() > refused);
            redis.start();
            // Back long enough for the backend to reconnect before the next blow.
            int batches = watch.sender().batches();
            await().atMost(Duration.ofSeconds(15)).until(() -> watch.sender().batches() > batches);
          }
        });
  }
}
