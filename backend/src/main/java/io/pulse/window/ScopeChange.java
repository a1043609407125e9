package io.pulse.window;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A scope's numbers changed: new events were counted, or buckets slid out of a window.
 *
 * @param windowMask bit i set when window i changed
 * @param lastAcceptedAt acceptance time of the newest event behind the change; null when the change
 *     is a window sliding
 */
public record ScopeChange(
    AggregateScope scope, int windowMask, Instant at, @Nullable Instant lastAcceptedAt) {

  public boolean affects(WindowSpec window) {
    return (windowMask & (1 << window.index())) != 0;
  }
}
