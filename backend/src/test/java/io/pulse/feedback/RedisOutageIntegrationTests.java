package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Events;
import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.MutableClock;
import io.pulse.support.TcpProxy;
import io.pulse.support.TestClockConfiguration;
import io.pulse.support.TestNetwork;
import io.pulse.support.TestServices;
import io.pulse.window.AggregateReconciler;
import io.pulse.window.FullRebuild;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Redis goes away: ingest says 503 clearly, and no event it acknowledged is lost. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "pulse.windows.background=false",
      "spring.data.redis.timeout=1s",
      "pulse.security.max-streams-per-user=10000",
      "spring.r2dbc.pool.initial-size=1",
      "spring.r2dbc.pool.max-size=5"
    })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = IsolatedServicesInitializer.class)
@Import(TestClockConfiguration.class)
class RedisOutageIntegrationTests {

  static final TcpProxy redisProxy;

  static {
    try {
      redisProxy = new TcpProxy(TestServices.REDIS_HOST, TestServices.REDIS_PORT);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void redisThroughProxy(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", redisProxy::port);
  }

  @AfterAll
  static void closeProxy() throws IOException {
    redisProxy.close();
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired AggregateReconciler reconciler;
  @Autowired FullRebuild fullRebuild;

  @Test
  void eventsSentDuringTheOutageAreRefusedOrKeptAndCountedOnceWhenRedisIsBack() {
    WebTestClient slow = client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    TestNetwork network = new TestNetwork(1, 1, 1).load(slow);
    fullRebuild.run().block(Duration.ofSeconds(30)); // what start-up does
    String d = network.dealer(0);
    String before = Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 10));
    slow.post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(before)
        .exchange()
        .expectStatus()
        .isAccepted();

    redisProxy.cut();
    String during = Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 2));
    slow.post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(during)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "5")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/store-unavailable")
        .jsonPath("$.detail")
        .value(detail -> assertThat(String.valueOf(detail)).contains("Retrying is safe"));
    slow.get()
        .uri("/api/v1/dealers/" + d + "/index?window=1h")
        .exchange()
        .expectStatus()
        .isEqualTo(503);
    // PostgreSQL has it: the reply was not an acknowledgement, but nothing is lost either.
    long stored =
        db.sql("SELECT count(*) AS n FROM feedback_event WHERE dealer_id = :d")
            .bind("d", d)
            .map(r -> r.get("n", Long.class))
            .one()
            .block();
    assertThat(stored).isEqualTo(2);

    redisProxy.restore();
    // The sender retries as told: the event is already stored, so it is a duplicate...
    slow.post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(during)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("DUPLICATE");
    // ...and a DUPLICATE reply means counted, like an ACCEPTED one: the retry counted it, once,
    // without waiting for the reconciler, which then finds nothing left to do.
    slow.get()
        .uri("/api/v1/dealers/" + d + "/index?window=1h")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo(2)
        .jsonPath("$.nps.detractors")
        .isEqualTo(1)
        .jsonPath("$.nps.promoters")
        .isEqualTo(1);
    assertThat(reconciler.reconcile().block(Duration.ofSeconds(30)).scopesCaughtUp()).isZero();
  }
}
