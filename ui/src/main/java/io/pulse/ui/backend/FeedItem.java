package io.pulse.ui.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One accepted feedback event of a dealer, from the dealer feed stream.
 *
 * @param seq the event's number within its dealer; the feed's event id, for resuming
 * @param comment the customer's words: untrusted, shown only through text components
 * @param alerts e.g. {@code DETRACTOR}, {@code LOW_SCORE:SPEED}; empty when none
 */
public record FeedItem(
    String dealerId,
    long seq,
    String eventId,
    String stage,
    Instant occurredAt,
    @Nullable Instant acceptedAt,
    Map<String, Integer> scores,
    @Nullable String comment,
    @Nullable String channel,
    List<String> alerts) {

  public FeedItem {
    scores = scores == null ? Map.of() : Map.copyOf(scores);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
