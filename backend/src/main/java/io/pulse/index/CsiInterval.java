package io.pulse.index;

import io.pulse.api.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * A 95 % confidence interval for a CSI. The CSI is a weighted mean of parameter means; treating the
 * parameter means as independent, its standard error is √(Σ w_p²·sd_p²/n_p) / Σ w_p over the
 * parameters with at least two answers. (Answers to different parameters of one event are
 * positively correlated, so this understates the error somewhat; it is used to compare, not to
 * certify.)
 *
 * @param standardError null when no parameter has two answers
 */
public record CsiInterval(@Nullable Double csi, @Nullable Double standardError) {

  public static CsiInterval of(Tally tally, IndexSettings settings) {
    double weighted = 0;
    double weights = 0;
    double variance = 0;
    boolean anyVariance = false;
    for (Parameter p : Parameter.values()) {
      ParameterScore s = IndexCalculator.score(tally, p);
      double w = settings.weight(p);
      if (s.mean() == null || w <= 0) {
        continue;
      }
      weighted += w * s.mean();
      weights += w;
      if (s.sd() != null) {
        variance += w * w * s.sd() * s.sd() / s.answers();
        anyVariance = true;
      }
    }
    if (weights == 0) {
      return new CsiInterval(null, null);
    }
    return new CsiInterval(weighted / weights, anyVariance ? Math.sqrt(variance) / weights : null);
  }

  public @Nullable Double low() {
    return csi == null || standardError == null ? null : csi - IndexCalculator.Z95 * standardError;
  }

  public @Nullable Double high() {
    return csi == null || standardError == null ? null : csi + IndexCalculator.Z95 * standardError;
  }
}
