package io.pulse.api;

/** A dealer's parameter against its benchmark (docs/domain.md, "Strengths and weak points"). */
public enum StrengthVerdict {
  /** Significantly above the benchmark. */
  STRENGTH,
  /** Significantly below the benchmark. */
  WEAK_POINT,
  /** Not significantly different (or too few answers to tell). */
  NEUTRAL
}
