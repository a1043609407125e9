package io.pulse.index;

import io.pulse.api.Parameter;
import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.Nullable;

/**
 * A 95 % confidence interval for a CSI, CSI ± t·se.
 *
 * <p>The CSI is a weighted mean of parameter means, and the answers of one event are correlated (a
 * pleased customer rates everything high), so the parameter means are not independent: the sum √(Σ
 * w_p²·sd_p²/n_p) / Σ w_p that treats them so understates the error. Each event's composite (the
 * plain mean of its answers, see {@link Tally.Composites}) carries that correlation: with equal
 * weights and every event rating the same parameters the CSI <em>is</em> the mean of the
 * composites, and its standard error is exactly sd_c/√n_c. For other weights the independent
 * formula is scaled by the same design effect: se = se_ind(w) · se_c / se_ind(equal), which is se_c
 * itself when the weights are equal.
 *
 * <p>The spread is estimated from the same n_c events, so the half-width is Student's t(0.975, n_c
 * − 1)·se rather than 1.96·se (2.09 at 20 events, 2.02 at 40, 1.98 at 120).
 *
 * @param standardError null when fewer than two answers leave no spread to measure
 * @param critical the multiplier of the standard error for 95 %: Student's t with n_c − 1 degrees
 *     of freedom, or 1.96 where no composites are known
 */
public record CsiInterval(@Nullable Double csi, @Nullable Double standardError, double critical) {

  public CsiInterval(@Nullable Double csi, @Nullable Double standardError) {
    this(csi, standardError, IndexCalculator.Z95);
  }

  public static CsiInterval of(Tally tally, IndexSettings settings) {
    double weighted = 0;
    double weights = 0;
    double variance = 0;
    double equalVariance = 0;
    int rated = 0;
    boolean anyVariance = false;
    for (Parameter p : Parameter.values()) {
      ParameterScore s = IndexCalculator.score(tally, p);
      double w = settings.weight(p);
      if (s.mean() == null || w <= 0) {
        continue;
      }
      weighted += w * s.mean();
      weights += w;
      rated++;
      if (s.sd() != null) {
        double perAnswer = s.sd() * s.sd() / s.answers();
        variance += w * w * perAnswer;
        equalVariance += perAnswer;
        anyVariance = true;
      }
    }
    if (weights == 0) {
      return new CsiInterval(null, null);
    }
    double csi = weighted / weights;
    Double composite = compositeStandardError(tally.composites());
    if (composite == null) {
      // No composites (a tally assembled from histograms alone): the independent formula.
      return new CsiInterval(csi, anyVariance ? Math.sqrt(variance) / weights : null);
    }
    double independent = Math.sqrt(variance) / weights;
    double independentEqual = Math.sqrt(equalVariance) / rated;
    double se = independentEqual > 0 ? composite * independent / independentEqual : composite;
    long n = tally.composites().count();
    return new CsiInterval(
        csi, se, new TDistribution(null, n - 1.0).inverseCumulativeProbability(0.975));
  }

  /** sd_c/√n_c of the events' composites, in points; null below two events. */
  static @Nullable Double compositeStandardError(Tally.Composites c) {
    if (c.count() < 2) {
      return null;
    }
    double sum = c.sumTenths() / 10.0;
    double squares = c.sumOfSquaresTenths() / 100.0;
    double variance = Math.max(0, (squares - sum * sum / c.count()) / (c.count() - 1));
    return Math.sqrt(variance / c.count());
  }

  public @Nullable Double low() {
    return csi == null || standardError == null ? null : csi - critical * standardError;
  }

  public @Nullable Double high() {
    return csi == null || standardError == null ? null : csi + critical * standardError;
  }
}
