package io.pulse.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ranks dealers fairly by a shrunk CSI (empirical Bayes towards the region's mean): shrunk = m +
 * n/(n + k)·(csi − m). A dealer with 3 perfect answers moves only a little above the region; one
 * with 300 answers keeps nearly its own CSI.
 *
 * <p>k is the ratio of the noise of one event's CSI to the true spread between dealers, σ²/τ². One
 * brand × region cell rarely has enough dealers to measure τ², so it is estimated over many cells
 * at once (all the brand's regions) by the method of moments, pooling each cell's spread around its
 * own mean — so that a difference between regions is not mistaken for a spread between dealers —
 * and falls back to the configured default when there are too few dealers or the estimate is not
 * positive.
 */
public final class FairRanking {

  /** Fewer dealers with answers than this, all groups together, and k is not estimated. */
  public static final int MIN_DEALERS_TO_ESTIMATE = 8;

  /** Bounds on k, so one odd brand cannot switch shrinkage off or flatten every dealer. */
  public static final double MIN_K = 1;

  public static final double MAX_K = 500;

  /**
   * One ranked dealer.
   *
   * @param rank 1 = best shrunk CSI; null for a dealer without answers, which is not ranked
   */
  public record Ranked(
      DealerStanding dealer, @Nullable Double shrunkCsi, double weight, @Nullable Integer rank) {}

  /** The ranking of a region's dealers and how it was shrunk. */
  public record Result(
      @Nullable Double regionMean, double k, boolean kEstimated, List<Ranked> dealers) {}

  /** The k to shrink with, and whether it was estimated (else the configured default). */
  public record Shrinkage(double k, boolean estimated) {}

  private FairRanking() {}

  /** Ranks against the dealers' own response-weighted mean, k estimated from them alone. */
  public static Result rank(List<DealerStanding> dealers, double defaultK) {
    return rank(dealers, meanCsi(dealers), shrinkage(List.of(dealers), defaultK));
  }

  /**
   * Ranks {@code dealers} shrunk towards {@code mean} (the region's) with the given k. Dealers
   * without answers come last, unranked.
   */
  public static Result rank(
      List<DealerStanding> dealers, @Nullable Double mean, Shrinkage shrinkage) {
    double k = shrinkage.k();
    List<Ranked> out = new ArrayList<>();
    for (DealerStanding d : dealers) {
      if (d.csi() == null || d.responses() == 0 || mean == null) {
        out.add(new Ranked(d, null, 0, null));
        continue;
      }
      double w = d.responses() / (d.responses() + k);
      out.add(new Ranked(d, mean + w * (d.csi() - mean), w, null));
    }
    List<Ranked> sorted =
        out.stream()
            .sorted(
                Comparator.comparing(
                    Ranked::shrunkCsi, Comparator.nullsLast(Comparator.reverseOrder())))
            .toList();
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Ranked r = sorted.get(i);
      ranked.add(
          new Ranked(r.dealer(), r.shrunkCsi(), r.weight(), r.shrunkCsi() == null ? null : i + 1));
    }
    return new Result(mean, k, shrinkage.estimated(), ranked);
  }

  /**
   * Ranks the dealers of several groups together (a brand's dealers in all its regions), each
   * shrunk towards its own group's mean (its region's CSI) with one k. Dealers without answers come
   * last, unranked, in the groups' order.
   *
   * @param means each group's mean by group key; a group without one leaves its dealers unranked
   */
  public static List<Ranked> rankAcross(
      Map<String, List<DealerStanding>> groups,
      Map<String, @Nullable Double> means,
      Shrinkage shrinkage) {
    List<Ranked> all = new ArrayList<>();
    groups.forEach(
        (group, dealers) -> all.addAll(rank(dealers, means.get(group), shrinkage).dealers()));
    all.sort(
        Comparator.comparing(Ranked::shrunkCsi, Comparator.nullsLast(Comparator.reverseOrder())));
    List<Ranked> ranked = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      Ranked r = all.get(i);
      ranked.add(
          new Ranked(r.dealer(), r.shrunkCsi(), r.weight(), r.shrunkCsi() == null ? null : i + 1));
    }
    return ranked;
  }

  /** The response-weighted mean CSI of the dealers with answers; null if none has any. */
  public static @Nullable Double meanCsi(Collection<DealerStanding> dealers) {
    long total = 0;
    double weighted = 0;
    for (DealerStanding d : dealers) {
      if (d.csi() != null && d.responses() > 0) {
        total += d.responses();
        weighted += d.csi() * d.responses();
      }
    }
    return total == 0 ? null : weighted / total;
  }

  /** k estimated over {@code groups} (e.g. the brand's cells, one per region), else the default. */
  public static Shrinkage shrinkage(Collection<List<DealerStanding>> groups, double defaultK) {
    Double estimate = estimateK(groups);
    return estimate == null ? new Shrinkage(defaultK, false) : new Shrinkage(estimate, true);
  }

  /**
   * σ²/τ² by the method of moments, pooled over groups, or null when it cannot be estimated: τ² =
   * Σ_g Σ_i (csi_i − mean_g)² / Σ_g (n_g − 1) − mean(σ_i²/n_i), σ² = mean(σ_i²).
   */
  static @Nullable Double estimateK(Collection<List<DealerStanding>> groups) {
    double squares = 0;
    int degrees = 0;
    int dealers = 0;
    double sigma2 = 0;
    double sampling = 0;
    for (List<DealerStanding> group : groups) {
      List<DealerStanding> usable =
          group.stream()
              .filter(d -> d.csi() != null && d.responses() > 0 && d.answerVariance() != null)
              .toList();
      if (usable.size() < 2) {
        continue;
      }
      double mean = usable.stream().mapToDouble(DealerStanding::csi).average().orElseThrow();
      for (DealerStanding d : usable) {
        squares += (d.csi() - mean) * (d.csi() - mean);
        sigma2 += d.answerVariance();
        sampling += d.answerVariance() / d.responses();
      }
      degrees += usable.size() - 1;
      dealers += usable.size();
    }
    if (dealers < MIN_DEALERS_TO_ESTIMATE) {
      return null;
    }
    double tau2 = squares / degrees - sampling / dealers;
    sigma2 /= dealers;
    if (tau2 <= 0 || sigma2 <= 0) {
      return null;
    }
    return Math.max(MIN_K, Math.min(MAX_K, sigma2 / tau2));
  }
}
