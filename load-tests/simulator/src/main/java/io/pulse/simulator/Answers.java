package io.pulse.simulator;

import io.pulse.api.FeedbackEvent;
import io.pulse.api.Parameter;
import java.util.Map;

/** What the simulation reads from a customer's answers (the scores of a {@link FeedbackEvent}). */
public final class Answers {

  private Answers() {}

  /** Whether every answer of {@code event} is the top of its scale (what a gaming dealer sends). */
  public static boolean arePerfect(FeedbackEvent event) {
    return event.scores().entrySet().stream().allMatch(e -> e.getValue() == e.getKey().max());
  }

  /** Mean of the answers on the 0–100 scale, or {@code none} if there are none. */
  public static double meanNormalised(Map<Parameter, Integer> scores, double none) {
    return scores.entrySet().stream()
        .mapToDouble(e -> e.getKey().normalise(e.getValue()))
        .average()
        .orElse(none);
  }
}
