package io.pulse.index;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Parameter;
import io.pulse.api.StrengthVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Strengths and weak points of a dealer: each parameter's score against the benchmark's, labelled
 * only when the difference is significant, ranked by the difference so the UI can still say
 * "relatively best / worst".
 *
 * <p>Labels have hysteresis, so that a difference hovering at the threshold does not make a label
 * blink on and off as answers arrive: a label is <em>given</em> only when Holm's procedure over the
 * dealer's tests says so at 5 %, but a label the dealer already holds is <em>kept</em> while the
 * difference keeps its sign and its own two-sided p-value stays at most {@link #KEEP_ALPHA} (|z| ≥
 * 1.28). The caller passes the labels it showed last time; that is the only state.
 */
public final class StrengthAnalysis {

  /** The chance that any of a dealer's labels is wrong, all parameters together. */
  static final double ALPHA = 0.05;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** A label already held is kept while its own p-value stays at most this (|z| ≥ 1.28). */
  static final double KEEP_ALPHA = 0.20;

  /** Fewer answers than this never carry a label: the standard error is not trustworthy. */
  public static final int MIN_ANSWERS = 10;

  private StrengthAnalysis() {}

  public static List<ParameterComparison> compare(
      Tally dealer, Tally benchmark, BenchmarkKind against) {
    return compare(dealer, benchmark, against, Map.of());
  }

  /**
   * The comparison, keeping the {@code held} labels (those shown last time; neutral ones may be
   * left out) unless their difference has clearly gone.
   */
  public static List<ParameterComparison> compare(
      Tally dealer, Tally benchmark, BenchmarkKind against, Map<Parameter, StrengthVerdict> held) {
    Map<Parameter, ParameterScore> d = new EnumMap<>(Parameter.class);
    Map<Parameter, ParameterScore> b = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      d.put(p, IndexCalculator.score(dealer, p));
      b.put(p, IndexCalculator.score(benchmark, p));
    }
    return compare(d, b, against, held);
  }

  /** The same from scores already computed, with no label held. */
  public static List<ParameterComparison> compare(
      Map<Parameter, ParameterScore> dealer,
      Map<Parameter, ParameterScore> benchmark,
      BenchmarkKind against) {
    return compare(dealer, benchmark, against, Map.of());
  }

  /** The same from scores already computed (e.g. figures a stream has read). */
  public static List<ParameterComparison> compare(
      Map<Parameter, ParameterScore> dealer,
      Map<Parameter, ParameterScore> benchmark,
      BenchmarkKind against,
      Map<Parameter, StrengthVerdict> held) {
    Map<Parameter, Double> pValues = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      ParameterScore s = dealer.getOrDefault(p, new ParameterScore(p, 0, null, null));
      ParameterScore b = benchmark.getOrDefault(p, new ParameterScore(p, 0, null, null));
      if (s.mean() != null && b.mean() != null && s.answers() >= MIN_ANSWERS && s.sd() != null) {
        // The dealer's own spread, but never less than the benchmark's: ten identical answers
        // do not make a dealer's mean exact, and sd = 0 would make any difference "significant".
        double sd = Math.max(s.sd(), b.sd() == null ? 0.0 : b.sd());
        double se = sd / Math.sqrt(s.answers());
        double delta = s.mean() - b.mean();
        pValues.put(
            p,
            se == 0
                ? (delta == 0 ? 1.0 : 0.0)
                : 2 * NORMAL.cumulativeProbability(-Math.abs(delta) / se));
      }
    }
    Set<Parameter> significant = holm(pValues);
    List<ParameterComparison> rows = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      ParameterScore s = dealer.getOrDefault(p, new ParameterScore(p, 0, null, null));
      ParameterScore b = benchmark.getOrDefault(p, new ParameterScore(p, 0, null, null));
      Double delta = s.mean() == null || b.mean() == null ? null : s.mean() - b.mean();
      boolean isSignificant = significant.contains(p);
      StrengthVerdict direction =
          delta == null || delta == 0
              ? StrengthVerdict.NEUTRAL
              : delta > 0 ? StrengthVerdict.STRENGTH : StrengthVerdict.WEAK_POINT;
      boolean kept =
          direction != StrengthVerdict.NEUTRAL
              && held.get(p) == direction
              && pValues.containsKey(p)
              && pValues.get(p) <= KEEP_ALPHA;
      StrengthVerdict verdict = isSignificant || kept ? direction : StrengthVerdict.NEUTRAL;
      rows.add(
          new ParameterComparison(
              p,
              s.mean(),
              s.answers(),
              s.sd(),
              b.mean(),
              delta,
              isSignificant,
              verdict,
              0,
              against));
    }
    List<ParameterComparison> ranked =
        rows.stream()
            .filter(r -> r.delta() != null)
            .sorted(Comparator.comparingDouble((ParameterComparison r) -> r.delta()).reversed())
            .toList();
    List<ParameterComparison> out = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      ParameterComparison r = ranked.get(i);
      out.add(
          new ParameterComparison(
              r.parameter(),
              r.score(),
              r.answers(),
              r.sd(),
              r.benchmark(),
              r.delta(),
              r.significant(),
              r.verdict(),
              i + 1,
              against));
    }
    // Parameters without a comparison go last, in their natural order.
    rows.stream().filter(r -> r.delta() == null).forEach(out::add);
    return out;
  }

  /**
   * Holm's step-down procedure: the seven tests of one dealer together wrong at most {@link #ALPHA}
   * of the time (each alone at 5 % would label some parameter of one dealer in three by chance
   * alone). Smallest p first; each must be at most α/(tests left), the first that is not ends the
   * labels.
   */
  static Set<Parameter> holm(Map<Parameter, Double> pValues) {
    List<Map.Entry<Parameter, Double>> sorted =
        pValues.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
    Set<Parameter> significant = EnumSet.noneOf(Parameter.class);
    int m = sorted.size();
    for (int i = 0; i < m; i++) {
      if (sorted.get(i).getValue() > ALPHA / (m - i)) {
        break;
      }
      significant.add(sorted.get(i).getKey());
    }
    return significant;
  }
}
