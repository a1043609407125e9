package io.pulse.index;

import io.pulse.api.Parameter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One early warning raised by a dealer's answer: what fell or rose, from where to where, over how
 * many answers; with the sentence a manager reads, in English and Russian.
 *
 * @param parameter the parameter that fell, for a {@link Kind#WEAK_POINT}
 * @param from the baseline before the run (points 0–100, or a detractor share 0–1)
 * @param to the mean over the run's answers
 * @param answers answers in the run: since the test's statistic last stood at zero
 * @param movedMost for an {@link Kind#INDEX_DROP}: the parameters that fell most in the run
 */
public record WarningDetection(
    Kind kind,
    @Nullable Parameter parameter,
    double from,
    double to,
    int answers,
    List<Parameter> movedMost) {

  public WarningDetection {
    movedMost = List.copyOf(movedMost);
  }

  /** What kind of change was detected. */
  public enum Kind {
    /** The per-answer CSI fell. */
    INDEX_DROP,
    /** The share of detractors rose. */
    DETRACTORS_RISE,
    /** One parameter fell while the CSI as a whole held. */
    WEAK_POINT
  }

  /** The alert reason: {@code INDEX_DROP}, {@code DETRACTORS_RISE}, {@code WEAK_POINT:SPEED}. */
  public String reason() {
    return parameter == null ? kind.name() : kind.name() + ":" + parameter.name();
  }

  /** E.g. "CSI fell from 84 to 71 over the last 46 answers; SPEED and VISIT moved most". */
  public String english() {
    return switch (kind) {
      case INDEX_DROP ->
          "CSI fell from %s to %s over the last %d answers%s"
              .formatted(
                  points(from),
                  points(to),
                  answers,
                  movedMost.isEmpty()
                      ? ""
                      : "; " + names(movedMost, "en", " and ") + " moved most");
      case DETRACTORS_RISE ->
          "Detractors rose from %s to %s of answers over the last %d answers"
              .formatted(percent(from), percent(to), answers);
      case WEAK_POINT ->
          "%s fell from %s to %s over the last %d answers"
              .formatted(label(parameter, "en"), points(from), points(to), answers);
    };
  }

  /** The same in Russian. */
  public String russian() {
    return switch (kind) {
      case INDEX_DROP ->
          "CSI упал с %s до %s за последние %d %s%s"
              .formatted(
                  points(from),
                  points(to),
                  answers,
                  answersRu(answers),
                  movedMost.isEmpty()
                      ? ""
                      : "; сильнее всего снизились: "
                          + names(movedMost, "ru", " и ").toLowerCase(Locale.ROOT));
      case DETRACTORS_RISE ->
          "Доля критиков выросла с %s до %s за последние %d %s"
              .formatted(percent(from), percent(to), answers, answersRu(answers));
      case WEAK_POINT ->
          "%s: снижение с %s до %s за последние %d %s"
              .formatted(
                  label(parameter, "ru"), points(from), points(to), answers, answersRu(answers));
    };
  }

  private static String points(double v) {
    return Long.toString(Math.round(v));
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }

  private static String label(@Nullable Parameter p, String language) {
    return p == null ? "" : p.label(language);
  }

  private static String names(List<Parameter> ps, String language, String and) {
    List<String> labels = ps.stream().map(p -> p.label(language)).toList();
    if (labels.size() == 1) {
      return labels.getFirst();
    }
    return String.join(", ", labels.subList(0, labels.size() - 1)) + and + labels.getLast();
  }

  /** "ответ", "ответа" or "ответов" after a number, by Russian plural rules. */
  static String answersRu(int n) {
    int lastTwo = n % 100;
    int last = n % 10;
    if (lastTwo >= 11 && lastTwo <= 14) {
      return "ответов";
    }
    return last == 1 ? "ответ" : last >= 2 && last <= 4 ? "ответа" : "ответов";
  }
}
