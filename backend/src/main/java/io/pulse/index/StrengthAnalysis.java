package io.pulse.index;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Parameter;
import io.pulse.api.StrengthVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Strengths and weak points of a dealer: each parameter's score against the benchmark's, labelled
 * only when the difference is significant, ranked by the difference so the UI can still say
 * "relatively best / worst".
 */
public final class StrengthAnalysis {

  /** Fewer answers than this never carry a label: the standard error is not trustworthy. */
  public static final int MIN_ANSWERS = 10;

  private StrengthAnalysis() {}

  public static List<ParameterComparison> compare(
      Tally dealer, Tally benchmark, BenchmarkKind against) {
    Map<Parameter, ParameterScore> d = new EnumMap<>(Parameter.class);
    Map<Parameter, ParameterScore> b = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      d.put(p, IndexCalculator.score(dealer, p));
      b.put(p, IndexCalculator.score(benchmark, p));
    }
    return compare(d, b, against);
  }

  /** The same from scores already computed (e.g. figures a stream has read). */
  public static List<ParameterComparison> compare(
      Map<Parameter, ParameterScore> dealer,
      Map<Parameter, ParameterScore> benchmark,
      BenchmarkKind against) {
    List<ParameterComparison> rows = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      ParameterScore s = dealer.getOrDefault(p, new ParameterScore(p, 0, null, null));
      ParameterScore b = benchmark.getOrDefault(p, new ParameterScore(p, 0, null, null));
      Double delta = s.mean() == null || b.mean() == null ? null : s.mean() - b.mean();
      boolean significant =
          delta != null
              && s.answers() >= MIN_ANSWERS
              && s.sd() != null
              && Math.abs(delta) > IndexCalculator.Z95 * s.sd() / Math.sqrt(s.answers());
      StrengthVerdict verdict =
          !significant
              ? StrengthVerdict.NEUTRAL
              : delta > 0 ? StrengthVerdict.STRENGTH : StrengthVerdict.WEAK_POINT;
      rows.add(
          new ParameterComparison(
              p, s.mean(), s.answers(), s.sd(), b.mean(), delta, significant, verdict, 0, against));
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
}
