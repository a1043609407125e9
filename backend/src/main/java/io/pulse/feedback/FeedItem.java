package io.pulse.feedback;

import io.pulse.index.JourneyStage;
import io.pulse.index.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One accepted feedback event as a dealer manager's live feed shows it.
 *
 * @param seq the event's number within its dealer: the feed's event id, for resuming
 * @param alerts why this answer needs the manager's attention today, e.g. {@code DETRACTOR} or
 *     {@code LOW_SCORE:SPEED}; empty when it does not
 */
public record FeedItem(
    String dealerId,
    long seq,
    UUID eventId,
    JourneyStage stage,
    Instant occurredAt,
    Instant acceptedAt,
    Map<Parameter, Integer> scores,
    @Nullable String comment,
    @Nullable Channel channel,
    List<String> alerts) {

  public FeedItem {
    scores = Map.copyOf(scores);
    alerts = List.copyOf(alerts);
  }

  /**
   * docs/domain.md, "Closing the loop": a detractor (RECOMMEND ≤ 6) or any answer ≤ 2 on a 1–5
   * parameter is an alert.
   */
  public static List<String> alertsFor(Map<Parameter, Integer> scores) {
    List<String> alerts = new ArrayList<>();
    Integer recommend = scores.get(Parameter.RECOMMEND);
    if (recommend != null && recommend <= 6) {
      alerts.add("DETRACTOR");
    }
    for (Parameter p : Parameter.values()) {
      Integer v = scores.get(p);
      if (p != Parameter.RECOMMEND && v != null && v <= 2) {
        alerts.add("LOW_SCORE:" + p.name());
      }
    }
    return alerts;
  }
}
