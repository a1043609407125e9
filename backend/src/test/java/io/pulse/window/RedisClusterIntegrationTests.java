package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pulse.support.Events;
import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.LocalRedisCluster;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestClockConfiguration;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The same backend on a real three-master Redis Cluster: every script touches one slot (hash tags),
 * so ingest, sliding, rebuild and streams work as on a single node.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "pulse.windows.background=false",
      "spring.r2dbc.pool.initial-size=1",
      "spring.r2dbc.pool.max-size=5"
    })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = IsolatedServicesInitializer.class)
@Import(TestClockConfiguration.class)
class RedisClusterIntegrationTests {

  static LocalRedisCluster cluster;

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) throws Exception {
    assumeTrue(LocalRedisCluster.available(), "redis-server is not installed");
    cluster = LocalRedisCluster.start();
    registry.add("spring.data.redis.cluster.nodes", cluster::nodes);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired WindowTicker ticker;
  @Autowired FullRebuild fullRebuild;
  @LocalServerPort int port;

  @Test
  void ingestSlideRebuildAndStreamOnACluster() throws Exception {
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    TestNetwork network = new TestNetwork(2, 3, 4).load(client);
    List<String> dealers = network.dealerIds();
    try (SseClient sse =
        SseClient.connect(
            "http://127.0.0.1:"
                + port
                + "/api/v1/stream/dealers/"
                + dealers.getFirst()
                + "?window=1h",
            Map.of())) {
      assertThat(sse.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
      List<String> events = new ArrayList<>();
      for (String d : dealers) {
        events.add(
            Events.event(
                UUID.randomUUID(), d, now.minusSeconds(5), Map.of("RECOMMEND", 10, "SPEED", 4)));
        events.add(
            Events.event(
                UUID.randomUUID(), d, now.minus(Duration.ofHours(3)), Map.of("RECOMMEND", 3)));
      }
      Events.postNew(client, events);
      assertThat(sse.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("update");
    }
    String brand = network.brands.getFirst();
    client
        .get()
        .uri("/api/v1/brands/" + brand + "/index?window=24h")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo(24);
    client
        .get()
        .uri("/api/v1/network/index?window=1h")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.responses")
        .value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(24));

    // Two hours on, the recent answers have left the hour on every shard of the schedule.
    clock.set(now.plus(Duration.ofHours(2)));
    ticker.tick().block();
    client
        .get()
        .uri("/api/v1/dealers/" + dealers.getFirst() + "/index?window=1h")
        .exchange()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo(0);
    client
        .get()
        .uri("/api/v1/dealers/" + dealers.getFirst() + "/index?window=24h")
        .exchange()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo(2);

    assertThat(fullRebuild.run().block().state()).isEqualTo("DONE");
    client
        .get()
        .uri("/api/v1/brands/" + brand + "/index?window=24h")
        .exchange()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo(24);
  }
}
