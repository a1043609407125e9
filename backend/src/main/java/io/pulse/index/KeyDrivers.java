package io.pulse.index;

import io.pulse.api.KeyDriver;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How strongly each parameter moves RECOMMEND (importance: the correlation over answers that rate
 * both), against how the parameter performs compared with a benchmark. Important and below the
 * benchmark = fix first.
 */
public final class KeyDrivers {

  /** Correlations from fewer pairs than this are not trusted. */
  public static final int MIN_PAIRS = 30;

  /** What the database tells about one parameter of a scope. */
  public record Input(
      Parameter parameter,
      @Nullable Double correlation,
      long pairs,
      @Nullable Double score,
      @Nullable Double benchmark) {}

  private KeyDrivers() {}

  /**
   * Importance is "high" at or above the median of the trusted correlations; performance is "low"
   * below the benchmark.
   */
  public static List<KeyDriver> analyse(List<Input> inputs) {
    List<Double> trusted = new ArrayList<>();
    for (Input i : inputs) {
      if (i.parameter() != Parameter.RECOMMEND
          && i.correlation() != null
          && i.pairs() >= MIN_PAIRS) {
        trusted.add(i.correlation());
      }
    }
    Double median = Segmentation.quantile(trusted, 0.5);
    List<KeyDriver> out = new ArrayList<>();
    for (Input i : inputs) {
      if (i.parameter() == Parameter.RECOMMEND) {
        continue;
      }
      // Decided on the exact numbers, rounded only for display.
      Double gap = i.score() == null || i.benchmark() == null ? null : i.score() - i.benchmark();
      KeyDriver.Quadrant q;
      if (median == null || i.correlation() == null || i.pairs() < MIN_PAIRS || gap == null) {
        q = KeyDriver.Quadrant.UNKNOWN;
      } else {
        boolean important = i.correlation() >= median;
        boolean below = gap < 0;
        q =
            important
                ? (below ? KeyDriver.Quadrant.FIX_FIRST : KeyDriver.Quadrant.KEEP_UP)
                : (below ? KeyDriver.Quadrant.MONITOR : KeyDriver.Quadrant.SECONDARY);
      }
      out.add(
          new KeyDriver(
              i.parameter(),
              round(i.correlation()),
              i.pairs(),
              round(i.score()),
              round(i.benchmark()),
              round(gap),
              q));
    }
    return out;
  }

  private static @Nullable Double round(@Nullable Double d) {
    return d == null ? null : Math.round(d * 100) / 100.0;
  }
}
