package io.pulse.api;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One customer's validated answers after one touchpoint (see docs/domain.md, "Feedback event").
 *
 * @param eventId the sender's idempotency key: the same id twice counts once
 * @param comment untrusted free text; stored as sent, escaped wherever it is shown
 * @param customerRef opaque hash of the customer, for integrity checks only
 */
public record FeedbackEvent(
    UUID eventId,
    String dealerId,
    JourneyStage stage,
    OffsetDateTime occurredAt,
    Map<Parameter, Integer> scores,
    @Nullable String comment,
    @Nullable Channel channel,
    @Nullable String customerRef) {

  public FeedbackEvent {
    scores = Map.copyOf(scores);
  }
}
