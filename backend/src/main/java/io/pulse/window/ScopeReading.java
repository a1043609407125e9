package io.pulse.window;

import io.pulse.index.Tally;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One scope's tallies as read from Redis in one atomic step.
 *
 * @param lastAcceptedAt when the newest event counted in the scope was accepted
 */
public record ScopeReading(Map<WindowSpec, Tally> windows, @Nullable Instant lastAcceptedAt) {

  public ScopeReading {
    windows = Map.copyOf(windows);
  }

  public Tally tally(WindowSpec window) {
    return windows.getOrDefault(window, Tally.empty());
  }

  /** Sums readings, e.g. the cells of a region. */
  public ScopeReading plus(ScopeReading other) {
    Map<WindowSpec, Tally> sum = new HashMap<>(windows);
    other.windows.forEach((w, t) -> sum.merge(w, t, Tally::plus));
    Instant last = lastAcceptedAt;
    if (last == null || (other.lastAcceptedAt != null && other.lastAcceptedAt.isAfter(last))) {
      last = other.lastAcceptedAt;
    }
    return new ScopeReading(sum, last);
  }

  public static ScopeReading empty() {
    return new ScopeReading(Map.of(), null);
  }
}
