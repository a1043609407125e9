package io.pulse.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds feedback event JSON for tests. */
public final class Events {

  private Events() {}

  public static String event(UUID id, String dealer, Instant at, Map<String, Integer> scores) {
    return event(id, dealer, "TEST_DRIVE", at, scores);
  }

  public static String event(
      UUID id, String dealer, String stage, Instant at, Map<String, Integer> scores) {
    String s =
        scores.entrySet().stream()
            .map(e -> "\"%s\":%d".formatted(e.getKey(), e.getValue()))
            .collect(Collectors.joining(","));
    return "{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"%s\",\"occurredAt\":\"%s\",\"scores\":{%s}}"
        .formatted(id, dealer, stage, at.atOffset(ZoneOffset.ofHours(3)), s);
  }

  /**
   * Posts {@code events} as one batch and checks that every one was accepted: for tests whose
   * events are all new.
   */
  public static void postNew(WebTestClient client, List<String> events) {
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(array(events))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.accepted")
        .isEqualTo(events.size());
  }

  /**
   * A batch post to the backend at {@code baseUrl} as the demo admin, for tests that talk plain
   * HTTP (to another instance, or while the backend may be away), waiting at most {@code timeout}.
   */
  public static HttpRequest batchRequest(String baseUrl, String body, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/feedback/batch"))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", TestClockConfiguration.ADMIN)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  public static String array(List<String> events) {
    return "[" + String.join(",", events) + "]";
  }
}
