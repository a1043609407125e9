package io.pulse.index;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Parameter;
import io.pulse.api.StrengthVerdict;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a dealer against its benchmark.
 *
 * @param score the dealer's mean normalised score s_p, null without answers
 * @param benchmark the benchmark's mean b_p, null without answers
 * @param delta s_p − b_p, null if either is missing
 * @param significant n_p ≥ 10 and the difference significant with the dealer's seven tests held
 *     together at 5 % (Holm), sd_p never taken below the benchmark's; the verdict may keep a label
 *     the dealer held while this is false (hysteresis, see {@link StrengthAnalysis})
 * @param rank 1 = relatively best among the dealer's rated parameters, by Δ
 */
public record ParameterComparison(
    Parameter parameter,
    @Nullable Double score,
    long answers,
    @Nullable Double sd,
    @Nullable Double benchmark,
    @Nullable Double delta,
    boolean significant,
    StrengthVerdict verdict,
    int rank,
    BenchmarkKind against) {

  /**
   * The sentence a manager reads, e.g. "Comfort of communication 61 vs 78 in the region (−17, 48
   * answers)".
   */
  public String sentence(String language) {
    boolean ru = "ru".equals(language);
    String label = parameter.label(language);
    if (score == null) {
      return ru ? label + ": нет ответов" : label + ": no answers yet";
    }
    if (benchmark == null || delta == null) {
      return ru
          ? "%s %d, сравнить не с чем (%s)"
              .formatted(label, Math.round(score), answers(answers, true))
          : "%s %d, nothing to compare with (%s)"
              .formatted(label, Math.round(score), answers(answers, false));
    }
    // The difference of the numbers shown, so a sentence always adds up ("90 vs 95 (−5)", not −4).
    long shown = Math.round(score);
    long benchmarkShown = Math.round(benchmark);
    long d = shown - benchmarkShown;
    String signed = d > 0 ? "+" + d : d < 0 ? "\u2212" + Math.abs(d) : "±0";
    return "%s %d %s %d %s (%s, %s)"
        .formatted(
            label,
            shown,
            ru ? "против" : "vs",
            benchmarkShown,
            against.phrase(language),
            signed,
            answers(answers, ru));
  }

  private static String answers(long n, boolean ru) {
    if (!ru) {
      return n == 1 ? "1 answer" : String.format(Locale.ROOT, "%d answers", n);
    }
    long mod10 = n % 10;
    long mod100 = n % 100;
    String word =
        mod10 == 1 && mod100 != 11
            ? "ответ"
            : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "ответа" : "ответов";
    return n + " " + word;
  }
}
