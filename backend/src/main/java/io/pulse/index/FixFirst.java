package io.pulse.index;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a dealer should fix first: its parameters below the benchmark, ordered by importance × gap
 * (importance: the parameter's correlation with RECOMMEND over the brand's answers, see {@link
 * KeyDrivers}), each with the expected change of CSI and NPS if it rose to the benchmark.
 *
 * <p>The expected change: the parameter's own mean rises by the gap g, which moves the CSI by
 * w_p·g/Σw; through {@link RecommendModel} RECOMMEND rises by β_p·g (capped at 100), which moves
 * the CSI by w_R·β_p·g/Σw more and the NPS as if every RECOMMEND answer rose by β_p·g/10 points of
 * its 0–10 scale ({@link #npsShifted}). RECOMMEND itself is the outcome, not a lever, so it is not
 * listed.
 */
public final class FixFirst {

  /**
   * One parameter to raise.
   *
   * @param gap benchmark − score, positive
   * @param importance correlation with RECOMMEND in the brand; null when not trusted (too few
   *     pairs)
   * @param priority importance × gap; items without importance come last, by gap
   * @param weakPoint whether the parameter is a labelled weak point (significant, see {@link
   *     StrengthAnalysis}), not only below the benchmark
   * @param csiGain expected change of the dealer's CSI, in points
   * @param npsGain expected change of its NPS, in points; null without a model or RECOMMEND answers
   */
  public record Item(
      Parameter parameter,
      long answers,
      double score,
      double benchmark,
      double gap,
      @Nullable Double importance,
      double priority,
      boolean weakPoint,
      double csiGain,
      @Nullable Double npsGain,
      BenchmarkKind against) {

    /**
     * The sentence a manager reads: "Speed and organisation: from 61 to 72, as in the region, would
     * add about +2.1 CSI and +3.0 NPS".
     */
    public String sentence(String language) {
      boolean ru = "ru".equals(language);
      String label = parameter.label(language);
      String csi = signed(csiGain);
      String head =
          ru
              ? "%s: с %d до %d, как %s, — это около %s CSI"
                  .formatted(
                      label,
                      Math.round(score),
                      Math.round(benchmark),
                      against.phrase(language),
                      csi)
              : "%s: from %d to %d, as %s, would add about %s CSI"
                  .formatted(
                      label,
                      Math.round(score),
                      Math.round(benchmark),
                      against.phrase(language),
                      csi);
      if (npsGain == null) {
        return head;
      }
      return head + (ru ? " и " : " and ") + signed(npsGain) + " NPS";
    }

    private static String signed(double v) {
      String s = String.format(Locale.ROOT, "%.1f", Math.abs(v));
      return (v < 0 && !s.equals("0.0") ? "\u2212" : "+") + s;
    }
  }

  private FixFirst() {}

  /**
   * @param importance correlation with RECOMMEND per parameter (trusted ones only)
   * @param weakPoints the parameters labelled weak points
   * @param model RECOMMEND on the six others, or null if it could not be fitted
   */
  public static List<Item> items(
      Tally dealer,
      Tally benchmark,
      BenchmarkKind against,
      Map<Parameter, Double> importance,
      Set<Parameter> weakPoints,
      @Nullable RecommendModel model,
      IndexSettings settings) {
    double weights = 0;
    for (Parameter p : Parameter.values()) {
      if (dealer.answers(p) > 0) {
        weights += settings.weight(p);
      }
    }
    ParameterScore recommend = IndexCalculator.score(dealer, Parameter.RECOMMEND);
    List<Item> items = new ArrayList<>();
    for (Parameter p : RecommendModel.PREDICTORS) {
      ParameterScore s = IndexCalculator.score(dealer, p);
      ParameterScore b = IndexCalculator.score(benchmark, p);
      if (s.mean() == null || b.mean() == null || s.mean() >= b.mean() || weights == 0) {
        continue;
      }
      double gap = b.mean() - s.mean();
      double csiGain = settings.weight(p) * gap / weights;
      Double npsGain = null;
      if (model != null && recommend.mean() != null) {
        double lift = Math.min(model.coefficient(p) * gap, 100 - recommend.mean());
        csiGain += settings.weight(Parameter.RECOMMEND) * lift / weights;
        npsGain = npsShifted(dealer, lift / 10) - npsShifted(dealer, 0);
      }
      Double r = importance.get(p);
      items.add(
          new Item(
              p,
              s.answers(),
              s.mean(),
              b.mean(),
              gap,
              r,
              r == null ? 0 : r * gap,
              weakPoints.contains(p),
              csiGain,
              npsGain,
              against));
    }
    items.sort(
        Comparator.comparing((Item i) -> i.importance() == null)
            .thenComparing(Comparator.comparingDouble(Item::priority).reversed())
            .thenComparing(Comparator.comparingDouble(Item::gap).reversed()));
    return items;
  }

  /**
   * The NPS if every RECOMMEND answer moved by {@code delta} points of its 0–10 scale (within the
   * scale): a whole shift k moves every answer k; the fraction f of a point moves a share f of the
   * answers one point more, so NPS(δ) = (1 − f)·NPS(k) + f·NPS(k + 1), k = ⌊δ⌋.
   */
  static double npsShifted(Tally tally, double delta) {
    int k = (int) Math.floor(delta);
    double f = delta - k;
    return (1 - f) * npsShiftedBy(tally, k) + f * npsShiftedBy(tally, k + 1);
  }

  private static double npsShiftedBy(Tally tally, int k) {
    long n = tally.answers(Parameter.RECOMMEND);
    if (n == 0) {
      return 0;
    }
    long net = 0;
    for (int v = 0; v <= 10; v++) {
      long c = tally.count(Parameter.RECOMMEND, v);
      int shifted = Math.clamp(v + k, 0, 10);
      net += shifted >= 9 ? c : shifted <= 6 ? -c : 0;
    }
    return 100.0 * net / n;
  }

  /**
   * A brand's line for one parameter: "Speed and organisation in 40 dealers below their region,
   * raised to it: about +1.8 CSI for the brand".
   */
  public static String brandSentence(Parameter p, long dealers, double gain, String language) {
    return "ru".equals(language)
        // Worded so that it agrees with a parameter of any grammatical gender.
        ? "%s: у %d %s ниже своего региона; подтянуть до него — около %s CSI бренда"
            .formatted(
                p.label(language),
                dealers,
                dealers % 10 == 1 && dealers % 100 != 11 ? "дилера" : "дилеров",
                Item.signed(gain))
        : "%s in %d %s below their region, raised to it: about %s CSI for the brand"
            .formatted(
                p.label(language), dealers, dealers == 1 ? "dealer" : "dealers", Item.signed(gain));
  }
}
