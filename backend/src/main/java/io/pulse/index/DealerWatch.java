package io.pulse.index;

import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where one dealer's early-warning tests stand after its latest answer: the dealer's own baselines
 * (CSI per answer, each parameter, the detractor share) and the open run of each test. Stored as it
 * is between answers, so the tests go on across restarts exactly where they stopped.
 *
 * @param csi baseline of the per-answer CSI
 * @param csiRun the CSI test's run; {@code csiRunParts} the parameters' answers within it
 * @param parameters baseline of each parameter's normalised answers
 * @param parameterRuns each parameter's test run
 * @param detractors baseline of the detractor indicator (1 for RECOMMEND ≤ 6, else 0)
 * @param detractorRun the detractor test's run ({@code sum}: detractors in it)
 */
public record DealerWatch(
    Baseline csi,
    Run csiRun,
    Map<Parameter, Mean> csiRunParts,
    Map<Parameter, Baseline> parameters,
    Map<Parameter, Run> parameterRuns,
    Baseline detractors,
    Run detractorRun) {

  public DealerWatch {
    csiRunParts = copy(csiRunParts);
    parameters = copy(parameters);
    parameterRuns = copy(parameterRuns);
  }

  /** A dealer nobody has answered for yet. */
  public static DealerWatch fresh() {
    return new DealerWatch(
        Baseline.EMPTY, Run.EMPTY, Map.of(), Map.of(), Map.of(), Baseline.EMPTY, Run.EMPTY);
  }

  Baseline parameter(Parameter p) {
    return parameters.getOrDefault(p, Baseline.EMPTY);
  }

  Run parameterRun(Parameter p) {
    return parameterRuns.getOrDefault(p, Run.EMPTY);
  }

  private static <V> Map<Parameter, V> copy(Map<Parameter, V> m) {
    return m == null || m.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(m));
  }

  /**
   * An exponentially weighted mean and variance: the plain mean and (population) variance of the
   * first {@code memory} values, then each new value weighs 1/memory.
   */
  public record Baseline(long n, double mean, double variance) {

    static final Baseline EMPTY = new Baseline(0, 0, 0);

    Baseline add(double x, int memory) {
      double w = 1.0 / Math.min(n + 1, memory);
      double d = x - mean;
      return new Baseline(n + 1, mean + w * d, (1 - w) * (variance + w * d * d));
    }

    double sd(double floor) {
      return Math.max(Math.sqrt(variance), floor);
    }
  }

  /**
   * A one-sided CUSUM's state: the statistic, and the answers since it last stood at 0 (how many,
   * the sum of what was measured on them, and the baseline when they began) — the usual estimate of
   * when a shift began, and from what.
   */
  public record Run(double statistic, int answers, double sum, double start) {

    static final Run EMPTY = new Run(0, 0, 0, 0);

    /**
     * The statistic moved by {@code increment} (floored at 0), {@code x} measured on this answer
     * against a baseline at {@code baseline}.
     */
    Run next(double increment, double x, double baseline) {
      double s = Math.max(0, statistic + increment);
      if (s == 0) {
        return EMPTY;
      }
      return answers == 0 ? new Run(s, 1, x, baseline) : new Run(s, answers + 1, sum + x, start);
    }

    double mean() {
      return answers == 0 ? 0 : sum / answers;
    }
  }

  /** A parameter's answers within a CSI run: count, sum, and its baseline when they began. */
  public record Mean(int n, double sum, double start) {

    double mean() {
      return n == 0 ? 0 : sum / n;
    }
  }
}
