package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Unknown API keys are throttled per source address; expensive analytics reads are limited per user
 * by a token bucket on the application's clock. Both counted in Redis, so every instance refuses
 * alike.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=exec1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=BRAND_EXECUTIVE",
      "pulse.security.users[1].brand=ABLB1",
      "pulse.security.ingest-keys[0].name=abuse-test",
      "pulse.security.ingest-keys[0].key=abuse-test-ingest-key",
      "pulse.security.unknown-api-keys-per-minute=3",
      "pulse.security.expensive-reads.burst=2",
      "pulse.security.expensive-reads.per-minute=60"
    })
class AbuseLimitsIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  private WebTestClient as(String header, String value) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .defaultHeader(header, value)
        .build();
  }

  private WebTestClient.ResponseSpec feedbackWithKey(String key) {
    return as("X-Api-Key", key)
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();
  }

  @Test
  void anAddressGuessingKeysIsRefusedBeforeAnyLookupEvenWithARealKey() {
    for (int i = 0; i < 3; i++) {
      feedbackWithKey("pk_" + Integer.toString(i).repeat(43)).expectStatus().isUnauthorized();
    }
    feedbackWithKey("pk_" + "9".repeat(43))
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "60")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/too-many-requests");
    // The real key from the same address waits too: the count is per source, not per key.
    feedbackWithKey("abuse-test-ingest-key").expectStatus().isEqualTo(429);
    assertThat(meters.get("pulse.security.throttled").tag("throttle", "apikey").counter().count())
        .isEqualTo(2);
  }

  @Test
  void expensiveReadsAreLimitedPerUserAndRefillWithTime() {
    clock.set(Instant.parse("2026-12-07T10:00:00Z"));
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"ABLB1","name":"Brand"}],"regions":[{"id":"ABLR","name":"Region"}],
         "dealers":[{"id":"ABLD1","name":"D","brandId":"ABLB1","regionId":"ABLR","timeZone":"Europe/Moscow"}]}
        """);
    WebTestClient exec = as("Authorization", Caller.basic("exec1", "pw"));
    for (int i = 0; i < 2; i++) {
      exec.get().uri("/api/v1/brands/ABLB1/drivers").exchange().expectStatus().isOk();
    }
    exec.get()
        .uri("/api/v1/brands/ABLB1/segments")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/too-many-requests");
    // Another user has a bucket of their own; reads that only touch Redis take no token.
    client.get().uri("/api/v1/brands/ABLB1/integrity").exchange().expectStatus().isOk();
    // Admins are not limited (the UI's service credential is one, reading for all its people).
    for (int i = 0; i < 5; i++) {
      client.get().uri("/api/v1/brands/ABLB1/segments").exchange().expectStatus().isOk();
    }
    exec.get().uri("/api/v1/brands/ABLB1/regions").exchange().expectStatus().isOk();
    // 60 a minute: one more a second.
    clock.advance(Duration.ofSeconds(1));
    exec.get().uri("/api/v1/brands/ABLB1/integrity").exchange().expectStatus().isOk();
    exec.get().uri("/api/v1/brands/ABLB1/integrity").exchange().expectStatus().isEqualTo(429);
  }
}
