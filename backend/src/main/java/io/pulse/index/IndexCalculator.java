package io.pulse.index;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a {@link Tally} into the numbers defined in docs/domain.md, "Numbers per window". */
public final class IndexCalculator {

  /** Two-sided 95 % quantile of the normal distribution. */
  public static final double Z95 = 1.96;

  private final IndexSettings settings;

  public IndexCalculator(IndexSettings settings) {
    this.settings = settings;
  }

  public IndexFigures figures(Tally tally) {
    List<ParameterScore> scores = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      scores.add(score(tally, p));
    }
    Map<JourneyStage, Long> stages = new EnumMap<>(JourneyStage.class);
    for (JourneyStage s : JourneyStage.values()) {
      stages.put(s, tally.stageResponses(s));
    }
    long n = tally.responses();
    return new IndexFigures(
        n,
        csi(scores),
        CsiInterval.of(tally, settings),
        n < settings.lowSampleResponses(),
        scores,
        nps(tally),
        stages,
        share(tally.perfect(), n),
        share(tally.straightLined(), n));
  }

  public static ParameterScore score(Tally tally, Parameter p) {
    long n = tally.answers(p);
    if (n == 0) {
      return new ParameterScore(p, 0, null, null);
    }
    double sum = tally.sum(p);
    double mean = sum / n;
    Double sd = null;
    if (n >= 2) {
      // Sample variance from the sums; clamp the tiny negatives floating point can leave.
      double variance = (tally.sumOfSquares(p) - sum * sum / n) / (n - 1);
      sd = Math.sqrt(Math.max(0, variance));
    }
    return new ParameterScore(p, n, mean, sd);
  }

  /** Σ w_p·s_p / Σ w_p over the parameters that have at least one answer. */
  public @Nullable Double csi(List<ParameterScore> scores) {
    double weighted = 0;
    double weights = 0;
    for (ParameterScore s : scores) {
      double w = settings.weight(s.parameter());
      if (s.mean() != null && w > 0) {
        weighted += w * s.mean();
        weights += w;
      }
    }
    return weights == 0 ? null : weighted / weights;
  }

  public static NetPromoterScore nps(Tally tally) {
    long promoters = tally.count(Parameter.RECOMMEND, 9) + tally.count(Parameter.RECOMMEND, 10);
    long passives = tally.count(Parameter.RECOMMEND, 7) + tally.count(Parameter.RECOMMEND, 8);
    long n = tally.answers(Parameter.RECOMMEND);
    long detractors = n - promoters - passives;
    if (n == 0) {
      return new NetPromoterScore(0, 0, 0, 0, null, null, null, null);
    }
    double score = 100.0 * (promoters - detractors) / n;
    // Adjusted Wald (Rocks 2016): ¾ of a promoter and ¾ of a detractor added, n + 3. The plain
    // Wald interval collapses to ±0 when every answer is in one group, however few there are.
    double n3 = n + 3.0;
    double p = (promoters + 0.75) / n3;
    double d = (detractors + 0.75) / n3;
    double center = 100 * (p - d);
    double margin = 100 * Z95 * Math.sqrt(Math.max(0, (p + d - (p - d) * (p - d)) / n3));
    return new NetPromoterScore(
        n,
        promoters,
        passives,
        detractors,
        score,
        margin,
        Math.max(-100, center - margin),
        Math.min(100, center + margin));
  }

  private static @Nullable Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
