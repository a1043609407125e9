package io.pulse.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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

  public static String array(List<String> events) {
    return "[" + String.join(",", events) + "]";
  }
}
