package io.pulse.index;

import io.pulse.api.IntegrityFlag;
import io.pulse.api.JourneyStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Looks for the patterns of gamed scores in a dealer's numbers, each judged against the region or
 * the dealer's own history so that a genuinely excellent dealer is not flagged:
 *
 * <ul>
 *   <li>perfect answers (or straight-lined answers): a one-sided test of the dealer's share against
 *       the region's, z > 3.29 (p < 0.0005), with at least 20 answers and a gap of at least 15
 *       points — significance alone would flag tiny gaps in big dealers;
 *   <li>burst: answers in the last hour against the dealer's own usual rate at that time of day
 *       (the same hour of the day over the previous 30 days: a dealer busy at noon and quiet at
 *       night is not bursting at noon), flagged above mean + 5·√mean (a Poisson tail far beyond
 *       chance, mean floored at 1) and at least 10 answers;
 *   <li>repeated customer: one customerRef answering at least 3 times <em>at the same journey
 *       stage</em> in 30 days. A genuine customer answers once per touchpoint — consultation, test
 *       drive, contract, handover — so several answers along the journey are normal; the same
 *       touchpoint rated again and again is what padding looks like.
 * </ul>
 */
public final class IntegrityCheck {

  public static final double Z = 3.29;
  public static final int MIN_ANSWERS = 20;
  public static final double MIN_GAP = 0.15;
  public static final int MIN_BURST = 10;
  public static final int REPEATS = 3;

  /**
   * The most answers one customerRef gave at one journey stage, and that stage (null without any
   * customerRef).
   */
  public record Repeats(long answers, @Nullable JourneyStage stage) {

    public static final Repeats NONE = new Repeats(0, null);
  }

  private IntegrityCheck() {}

  /**
   * @param month the dealer's 30-day tally
   * @param lastHour the dealer's 1-hour tally
   * @param region the region's 30-day tally (the dealer included)
   * @param repeats most answers by a single customerRef at one stage in 30 days
   * @param usualThisHour the dealer's mean answers per day in the same hour of the day (the hour
   *     ending at the same time of day as now) over the 30 days before the last hour
   */
  public static List<IntegrityFlag> check(
      Tally month,
      Tally lastHour,
      Tally region,
      Repeats repeats,
      double usualThisHour,
      String language) {
    boolean ru = "ru".equals(language);
    List<IntegrityFlag> flags = new ArrayList<>();
    share(month.perfect(), month.responses(), region.perfect(), region.responses())
        .ifPresent(z ->
            flags.add(
                new IntegrityFlag(
                    IntegrityFlag.Kind.PERFECT_SHARE,
                    (ru
                            ? "%s %% идеальных ответов против %s %% в регионе (%d ответов)"
                            : "%s %% perfect answers vs %s %% in the region (%d answers)")
                        .formatted(
                            pct(month.perfect(), month.responses()),
                            pct(region.perfect(), region.responses()),
                            month.responses()),
                    z)));
    share(month.straightLined(), month.responses(), region.straightLined(), region.responses())
        .ifPresent(z ->
            flags.add(
                new IntegrityFlag(
                    IntegrityFlag.Kind.STRAIGHT_LINING,
                    (ru
                            ? "%s %% ответов с одинаковой оценкой по всем параметрам против %s %% в регионе"
                            : "%s %% answers with the same score on every parameter vs %s %% in the region")
                        .formatted(
                            pct(month.straightLined(), month.responses()),
                            pct(region.straightLined(), region.responses())),
                    z)));
    double hourly = usualThisHour;
    long hour = lastHour.responses();
    if (hour >= MIN_BURST && hour > hourly + 5 * Math.sqrt(Math.max(hourly, 1))) {
      flags.add(
          new IntegrityFlag(
              IntegrityFlag.Kind.BURST,
              (ru
                      ? "%d ответов за последний час, обычно %s в этот час"
                      : "%d answers in the last hour, usually %s at this hour")
                  .formatted(hour, String.format(Locale.ROOT, "%.1f", hourly)),
              (hour - hourly) / Math.sqrt(Math.max(hourly, 1))));
    }
    if (repeats.answers() >= REPEATS && repeats.stage() != null) {
      flags.add(
          new IntegrityFlag(
              IntegrityFlag.Kind.REPEATED_CUSTOMER,
              (ru
                      ? "один клиент ответил %d раз об одном этапе (%s) за 30 дней"
                      : "one customer answered %d times about one stage (%s) in 30 days")
                  .formatted(repeats.answers(), repeats.stage().label(language)),
              repeats.answers()));
    }
    return flags;
  }

  /** The z of a one-sided test of the dealer's share against the region's, when it flags. */
  static Optional<Double> share(long part, long n, long regionPart, long regionN) {
    if (n < MIN_ANSWERS || regionN == 0) {
      return Optional.empty();
    }
    double p = (double) part / n;
    double p0 = (double) regionPart / regionN;
    // A floor on the region's share keeps a region with no perfect answers from making any one
    // perfect answer "infinitely" significant.
    double base = Math.max(p0, 0.01);
    double z = (p - p0) / Math.sqrt(base * (1 - base) / n);
    return z > Z && p - p0 >= MIN_GAP ? Optional.of(z) : Optional.empty();
  }

  private static String pct(long part, long n) {
    return n == 0 ? "0" : Long.toString(Math.round(100.0 * part / n));
  }
}
