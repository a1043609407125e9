package io.pulse.api;

import java.time.Instant;
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
}
