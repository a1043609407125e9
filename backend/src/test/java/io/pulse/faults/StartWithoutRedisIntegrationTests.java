package io.pulse.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.PulseApplication;
import io.pulse.support.Events;
import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.OwnRedis;
import io.pulse.support.TestClockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance started while Redis is away (a pod rescheduled during a Redis outage) must start, say
 * it is not ready, answer ingest with 503 rather than crash-looping, and work as soon as Redis is
 * back, without a restart.
 */
class StartWithoutRedisIntegrationTests {

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startsWithoutRedisAndServesOnceItIsBack() throws Exception {
    try (OwnRedis redis = new OwnRedis()) {
      redis.kill();
      try (ConfigurableApplicationContext backend =
          new SpringApplicationBuilder(PulseApplication.class)
              .initializers(new IsolatedServicesInitializer())
              .run(
                  "--server.port=0",
                  "--spring.main.banner-mode=off",
                  "--spring.data.redis.port=" + redis.port(),
                  "--spring.data.redis.timeout=1s",
                  "--spring.data.redis.connect-timeout=1s",
                  "--pulse.windows.ready-check-interval=1s",
                  "--spring.r2dbc.pool.initial-size=1",
                  "--spring.r2dbc.pool.max-size=5")) {
        int port = ((WebServerApplicationContext) backend).getWebServer().getPort();
        String base = "http://127.0.0.1:" + port;
        assertThat(send(base, "GET", "/actuator/health/readiness", null)).isEqualTo(503);
        assertThat(body(base, "/actuator/health/readiness"))
            .contains("\"redisConnections\"", "connections not made yet");
        String network =
            """
            {"brands":[{"id":"NRB","name":"B"}],"regions":[{"id":"NRR","name":"R"}],
             "dealers":[{"id":"NRD","name":"D","brandId":"NRB","regionId":"NRR","timeZone":"UTC"}]}
            """;
        assertThat(send(base, "POST", "/api/v1/network/import", network)).isEqualTo(200);
        String event =
            Events.event(UUID.randomUUID(), "NRD", Instant.now(), Map.of("RECOMMEND", 10));
        assertThat(send(base, "POST", "/api/v1/feedback", event)).isEqualTo(503);

        redis.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> send(base, "GET", "/actuator/health/readiness", null) == 200);
        // The retry of the refused event: stored by the first attempt, counted now.
        assertThat(send(base, "POST", "/api/v1/feedback", event)).isIn(200, 202);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() ->
                body(base, "/api/v1/dealers/NRD/index?window=1h").contains("\"responses\":1"));
      }
    }
  }

  private int send(String base, String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", TestClockConfiguration.ADMIN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String body(String base, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", TestClockConfiguration.ADMIN)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
