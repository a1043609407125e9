package io.pulse.simulator;

import java.time.Duration;

/**
 * How {@link PulseClient} retries a request the backend asked to repeat (503, 429) or that failed
 * in transit: exponential backoff from {@code initialBackoff}, capped at {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** About 40 s of retries in all: long enough for a backend restart. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(8));

  /** Validates the policy. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** The pause after failed attempt number {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    Duration pause = initialBackoff;
    for (int i = 1; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }
}
