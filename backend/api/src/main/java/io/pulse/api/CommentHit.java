package io.pulse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One commented feedback event found by the comment search.
 *
 * @param comment the whole comment; telephone numbers and e-mail addresses masked unless the caller
 *     is an administrator
 * @param highlight with a search text only: the whole comment HTML-escaped, each match wrapped in
 *     {@code <mark>}…{@code </mark>} (the only markup it can hold), masked like {@code comment}
 * @param alerts why this answer needs attention, as in the live feed ({@code DETRACTOR}, {@code
 *     LOW_SCORE:SPEED}); empty when it does not
 */
public record CommentHit(
    UUID eventId,
    String dealerId,
    String brandId,
    String regionId,
    JourneyStage stage,
    Instant occurredAt,
    Instant acceptedAt,
    Map<Parameter, Integer> scores,
    @Nullable Channel channel,
    String comment,
    @Nullable String highlight,
    List<String> alerts) {

  public CommentHit {
    scores = Map.copyOf(scores);
    alerts = List.copyOf(alerts);
  }
}
