package io.pulse.api;

import org.jspecify.annotations.Nullable;

/**
 * How strongly one parameter moves RECOMMEND, and how the scope does on it: its place on the
 * importance × performance chart.
 *
 * @param importance correlation with RECOMMEND over {@code pairs} answers
 * @param gap score minus benchmark
 */
public record KeyDriver(
    Parameter parameter,
    @Nullable Double importance,
    long pairs,
    @Nullable Double score,
    @Nullable Double benchmark,
    @Nullable Double gap,
    Quadrant quadrant) {

  /** A quadrant of the importance × performance chart. */
  public enum Quadrant {
    FIX_FIRST,
    KEEP_UP,
    MONITOR,
    SECONDARY,
    UNKNOWN
  }
}
