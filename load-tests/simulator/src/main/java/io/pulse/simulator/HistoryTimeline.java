package io.pulse.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * When the events of a history backfill happened: spread over the past, denser by day, on weekdays
 * and in the busy months ({@link Seasonality}).
 */
public final class HistoryTimeline {

  /** Most events one backfill can hold (the timeline is sorted in memory). */
  public static final int MAX_EVENTS = 10_000_000;

  // Relative answer volume by hour of the day in Moscow time, where most dealers are.
  private static final double[] HOURLY_INTENSITY = {
    0.04, 0.03, 0.02, 0.02, 0.02, 0.03, 0.08, 0.2, 0.45, 0.8, 1.0, 1.0, 0.95, 0.9, 0.95, 1.0, 1.0,
    0.95, 0.85, 0.7, 0.5, 0.3, 0.15, 0.08
  };
  private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);

  private HistoryTimeline() {}

  /**
   * {@code perDayMin}–{@code perDayMax} instants (uniformly many) on every day of {@code [end −
   * span, end)}, at the hours people answer: a featured dealer's steady history.
   */
  public static long[] daily(
      RandomGenerator rng, Instant end, Duration span, int perDayMin, int perDayMax) {
    long endMillis = end.toEpochMilli();
    long days = span.toDays();
    long[] out = new long[(int) (days * perDayMax)];
    int n = 0;
    for (long d = days; d >= 1; d--) {
      long dayStart = endMillis - d * 86_400_000L;
      int count = perDayMin + rng.nextInt(perDayMax - perDayMin + 1);
      for (int i = 0; i < count; ) {
        long candidate = dayStart + rng.nextLong(86_400_000L);
        int hour = Instant.ofEpochMilli(candidate).atOffset(MOSCOW).getHour();
        if (rng.nextDouble() < HOURLY_INTENSITY[hour]) {
          out[n++] = candidate;
          i++;
        }
      }
    }
    long[] times = Arrays.copyOf(out, n);
    Arrays.sort(times);
    return times;
  }

  /**
   * {@code count} instants in {@code [end − span, end)} as epoch milliseconds, sorted ascending, so
   * a backfill reaches the backend in time order.
   */
  public static long[] spread(RandomGenerator rng, Instant end, Duration span, int count) {
    if (count < 0 || count > MAX_EVENTS) {
      throw new IllegalArgumentException(
          "count must be between 0 and %d, got %d".formatted(MAX_EVENTS, count));
    }
    if (span.isNegative() || span.isZero()) {
      throw new IllegalArgumentException("span must be positive, got " + span);
    }
    long endMillis = end.toEpochMilli();
    long spanMillis = span.toMillis();
    long[] millis = new long[count];
    for (int i = 0; i < count; ) {
      long candidate = endMillis - 1 - rng.nextLong(spanMillis);
      Instant at = Instant.ofEpochMilli(candidate);
      int hour = at.atOffset(MOSCOW).getHour();
      if (rng.nextDouble() < HOURLY_INTENSITY[hour] * Seasonality.volume(at)) {
        millis[i++] = candidate;
      }
    }
    Arrays.sort(millis);
    return millis;
  }
}
