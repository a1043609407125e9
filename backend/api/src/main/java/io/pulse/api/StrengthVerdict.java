package io.pulse.api;

/**
 * How a dealer's parameter compares with its benchmark (DOMAIN.md, "Strengths and weak points").
 */
public enum StrengthVerdict {
  /** Significantly above the benchmark. */
  STRENGTH,
  /** Significantly below the benchmark. */
  WEAK_POINT,
  /** Not significantly different (or too few answers to tell). */
  NEUTRAL
}
