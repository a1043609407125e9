package io.pulse.simulator;

import io.pulse.api.Parameter;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One simulated feedback event, shaped like the backend's {@code POST /api/v1/feedback/batch} item.
 *
 * @param eventId idempotency key
 * @param dealerId the dealer the customer dealt with
 * @param stage the journey stage the survey followed
 * @param occurredAt when the customer answered, in the dealer's offset
 * @param scores the answers, a non-empty subset of the stage's parameters
 * @param comment optional free text
 * @param channel optional answer channel
 * @param customerRef optional opaque customer hash
 */
public record FeedbackEvent(
    UUID eventId,
    String dealerId,
    Stage stage,
    OffsetDateTime occurredAt,
    Map<Parameter, Integer> scores,
    @Nullable String comment,
    @Nullable Channel channel,
    @Nullable String customerRef) {

  /** Keeps the scores in parameter order and immutable. */
  public FeedbackEvent {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("an event rates at least one parameter");
    }
    scores = Collections.unmodifiableMap(new EnumMap<>(scores));
  }

  /** Whether every answer is the top of its scale (what a gaming dealer produces). */
  public boolean isPerfect() {
    return scores.entrySet().stream().allMatch(e -> e.getValue() == e.getKey().max());
  }

  /** Mean of the answers on the 0–100 scale. */
  public double meanNormalisedScore() {
    return scores.entrySet().stream()
        .mapToDouble(e -> e.getKey().normalise(e.getValue()))
        .average()
        .orElseThrow();
  }
}
