package io.pulse.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Ranks dealers fairly by a shrunk CSI (empirical Bayes towards the region mean): shrunk = m + n/(n
 * + k)·(csi − m). A dealer with 3 perfect answers moves only a little above the region; one with
 * 300 answers keeps nearly its own CSI.
 *
 * <p>k is the ratio of answer-level noise to the true spread between dealers, σ²/τ²: estimated from
 * the region's own dealers by the method of moments (τ² = variance of dealer CSIs minus the mean
 * sampling variance σ²/n), and the configured default when there are too few dealers or the
 * estimate is not positive.
 */
public final class FairRanking {

  /** Fewer dealers with answers than this and k is not estimated. */
  public static final int MIN_DEALERS_TO_ESTIMATE = 8;

  /** Bounds on k, so one odd region cannot switch shrinkage off or flatten every dealer. */
  public static final double MIN_K = 1;

  public static final double MAX_K = 500;

  /** One ranked dealer. */
  public record Ranked(
      DealerStanding dealer, @Nullable Double shrunkCsi, double weight, int rank) {}

  /** The ranking of a region's dealers and how it was shrunk. */
  public record Result(
      @Nullable Double regionMean, double k, boolean kEstimated, List<Ranked> dealers) {}

  private FairRanking() {}

  public static Result rank(List<DealerStanding> dealers, double defaultK) {
    List<DealerStanding> rated =
        dealers.stream().filter(d -> d.csi() != null && d.responses() > 0).toList();
    long totalResponses = rated.stream().mapToLong(DealerStanding::responses).sum();
    Double mean =
        totalResponses == 0
            ? null
            : rated.stream().mapToDouble(d -> d.csi() * d.responses()).sum() / totalResponses;
    double k = defaultK;
    boolean estimated = false;
    Double estimate = estimateK(rated);
    if (estimate != null) {
      k = estimate;
      estimated = true;
    }
    List<Ranked> out = new ArrayList<>();
    for (DealerStanding d : dealers) {
      if (d.csi() == null || mean == null) {
        out.add(new Ranked(d, null, 0, 0));
        continue;
      }
      double w = d.responses() / (d.responses() + k);
      out.add(new Ranked(d, mean + w * (d.csi() - mean), w, 0));
    }
    List<Ranked> sorted =
        out.stream()
            .sorted(
                Comparator.comparing((Ranked r) ->
                        r.shrunkCsi() == null ? Double.NEGATIVE_INFINITY : r.shrunkCsi())
                    .reversed())
            .toList();
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Ranked r = sorted.get(i);
      ranked.add(
          new Ranked(r.dealer(), r.shrunkCsi(), r.weight(), r.shrunkCsi() == null ? 0 : i + 1));
    }
    return new Result(mean, k, estimated, ranked);
  }

  /** σ²/τ² by the method of moments, or null when it cannot be estimated sensibly. */
  static @Nullable Double estimateK(List<DealerStanding> rated) {
    List<DealerStanding> usable = rated.stream().filter(d -> d.answerVariance() != null).toList();
    if (usable.size() < MIN_DEALERS_TO_ESTIMATE) {
      return null;
    }
    double meanCsi = usable.stream().mapToDouble(DealerStanding::csi).average().orElseThrow();
    double spread =
        usable.stream().mapToDouble(d -> (d.csi() - meanCsi) * (d.csi() - meanCsi)).sum()
            / (usable.size() - 1);
    double sigma2 =
        usable.stream().mapToDouble(DealerStanding::answerVariance).average().orElseThrow();
    double sampling =
        usable.stream()
            .mapToDouble(d -> d.answerVariance() / d.responses())
            .average()
            .orElseThrow();
    double tau2 = spread - sampling;
    if (tau2 <= 0 || sigma2 <= 0) {
      return null;
    }
    return Math.max(MIN_K, Math.min(MAX_K, sigma2 / tau2));
  }
}
