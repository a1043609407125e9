package io.pulse.figures;

import io.pulse.api.IndexView;
import io.pulse.api.Verdict;
import java.util.List;

/**
 * What an index stream carries: the figures, and for a dealer its strengths and weak points against
 * the region (empty for other scopes).
 */
public record LiveFigures(IndexView index, List<Verdict> verdicts) {

  public LiveFigures {
    verdicts = List.copyOf(verdicts);
  }

  /** Figures of a scope without verdicts (a region, a brand, the network). */
  public static LiveFigures of(IndexView index) {
    return new LiveFigures(index, List.of());
  }

  /** Equal when a viewer would see no difference (the read time aside). */
  public LiveFigures comparable() {
    return new LiveFigures(index.figures(), verdicts);
  }
}
