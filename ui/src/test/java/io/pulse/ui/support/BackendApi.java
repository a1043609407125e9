package io.pulse.ui.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The backend's public API as a test feeds it: network upserts and feedback (plain JSON). */
public final class BackendApi {

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public BackendApi(String backendUrl) {
    this.base = backendUrl + "/api/v1";
  }

  public void brand(String id, String name) throws IOException, InterruptedException {
    send("PUT", "/brands/" + id, "{\"name\":" + quote(name) + "}");
  }

  public void region(String id, String name) throws IOException, InterruptedException {
    send("PUT", "/regions/" + id, "{\"name\":" + quote(name) + "}");
  }

  public void dealer(String id, String name, String brandId, String regionId, String city)
      throws IOException, InterruptedException {
    send(
        "PUT",
        "/dealers/" + id,
        "{\"name\":%s,\"brandId\":%s,\"regionId\":%s,\"city\":%s,\"timeZone\":\"Europe/Moscow\"}"
            .formatted(quote(name), quote(brandId), quote(regionId), quote(city)));
  }

  /** One feedback event as JSON. */
  public static String event(
      String dealerId,
      String stage,
      Instant occurredAt,
      Map<String, Integer> scores,
      @Nullable String comment) {
    String scoreJson =
        scores.entrySet().stream()
            .map(e -> quote(e.getKey()) + ":" + e.getValue())
            .collect(Collectors.joining(",", "{", "}"));
    return "{\"eventId\":\"%s\",\"dealerId\":%s,\"stage\":%s,\"occurredAt\":\"%s\",\"scores\":%s%s,\"channel\":\"SMS\"}"
        .formatted(
            UUID.randomUUID(),
            quote(dealerId),
            quote(stage),
            occurredAt.atOffset(ZoneOffset.UTC),
            scoreJson,
            comment == null ? "" : ",\"comment\":" + quote(comment));
  }

  /**
   * All seven scores of an answer: {@code general} for the four the browser tests vary together,
   * CAR 5.
   */
  public static Map<String, Integer> scores(int general, int speed, int recommend) {
    Map<String, Integer> s = new LinkedHashMap<>();
    s.put("CONSULTATION", general);
    s.put("COMMUNICATION", general);
    s.put("VISIT", general);
    s.put("SPEED", speed);
    s.put("CAR", 5);
    s.put("RETURN", general);
    s.put("RECOMMEND", recommend);
    return s;
  }

  /** Posts events in batches of up to 1,000. */
  public void feedback(List<String> events) throws IOException, InterruptedException {
    for (int i = 0; i < events.size(); i += 1000) {
      List<String> chunk = events.subList(i, Math.min(events.size(), i + 1000));
      send("POST", "/feedback/batch", "[" + String.join(",", chunk) + "]");
    }
  }

  public String get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  private String send(String method, String path, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            // Ignored by a backend without security; the demo admin of one with it.
            .header("Authorization", BackendProcess.AUTHORIZATION);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IOException(method + " " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
