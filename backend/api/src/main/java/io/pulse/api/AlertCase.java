package io.pulse.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert handled as a case: who has it, when the customer was first contacted, why it happened
 * and how it ended, every step with who took it, and the customer's later answers at the dealer.
 *
 * @param assignee the person handling it (the name they sign in with)
 * @param rootCause one of the configured root causes (e.g. {@code WAITING_TIME})
 * @param outcome {@code RECOVERED}, {@code NOT_REACHED} or {@code NOT_RECOVERABLE}
 * @param laterAnswers answers the same customer gave the dealer after this one (re-survey)
 */
public record AlertCase(
    Alert alert,
    @Nullable String assignee,
    @Nullable Instant contactedAt,
    @Nullable String rootCause,
    @Nullable String outcome,
    List<Step> history,
    List<LaterAnswer> laterAnswers) {

  public AlertCase {
    history = List.copyOf(history);
    laterAnswers = List.copyOf(laterAnswers);
  }

  /** One thing done on the case. */
  public record Step(Instant at, String actor, String action, @Nullable String detail) {}

  /**
   * A later answer of the same customer.
   *
   * @param score the mean of its answers on a 0–100 scale
   * @param scoreBefore the same for the answer that raised the alert
   * @param happier whether {@code score} is above {@code scoreBefore}
   */
  public record LaterAnswer(
      UUID eventId,
      String stage,
      Instant occurredAt,
      @Nullable Integer recommend,
      double score,
      double scoreBefore,
      boolean happier) {}
}
