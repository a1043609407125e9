package io.pulse.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parameter's verdict against a benchmark, as a dealer's live stream carries it: the code and
 * numbers, and the sentence a manager reads in each language the UI offers.
 *
 * @param benchmark the benchmark's score, rounded for display
 * @param delta the dealer's score minus the benchmark, rounded for display
 * @param rank 1 = relatively best by delta, whether significant or not
 * @param sentence the reason in words, by language ({@code en}, {@code ru})
 */
public record Verdict(
    String parameter,
    @Nullable Double benchmark,
    @Nullable Double delta,
    StrengthVerdict verdict,
    int rank,
    Map<String, String> sentence) {

  public Verdict {
    sentence = sentence == null ? Map.of() : Map.copyOf(sentence);
  }

  /** The sentence in {@code language}, or in English when there is none in it. */
  public String sentence(String language) {
    return sentence.getOrDefault(language, sentence.getOrDefault("en", ""));
  }
}
