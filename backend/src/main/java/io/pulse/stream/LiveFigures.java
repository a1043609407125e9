package io.pulse.stream;

import io.pulse.api.IndexView;
import io.pulse.api.Verdict;
import java.util.List;

/**
 * What an index stream carries: the figures, and for a dealer its strengths and weak points against
 * the region (empty for other scopes).
 */
record LiveFigures(IndexView index, List<Verdict> verdicts) {

  /** Equal when a viewer would see no difference (the read time aside). */
  LiveFigures comparable() {
    return new LiveFigures(index.figures(), verdicts);
  }
}
