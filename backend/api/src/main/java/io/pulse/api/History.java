package io.pulse.api;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scope's history, read from the daily roll-ups: series of days or weeks for trend charts, and
 * calendar periods against their previous periods.
 */
public final class History {

  private History() {}

  /**
   * The headline numbers of one day, week or period.
   *
   * @param responses feedback events
   * @param csi 0–100; null without answers
   * @param csiLow lower end of the CSI's 95 % interval; null below two answers
   * @param csiHigh upper end of the CSI's 95 % interval
   * @param nps −100…+100; null without RECOMMEND answers
   * @param npsMargin half the width of the NPS's 95 % interval (adjusted Wald)
   * @param lowSample fewer responses than the low-sample threshold
   */
  public record Figures(
      long responses,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      @Nullable Double nps,
      @Nullable Double npsMargin,
      boolean lowSample) {}

  /**
   * One point of a series: a day, or an ISO week (Monday to Sunday).
   *
   * @param start the day, or the Monday of the week
   * @param end the day, or the Sunday of the week
   */
  public record Point(LocalDate start, LocalDate end, Figures figures) {}

  /**
   * A series from {@code from} to {@code to}, one point per day or week, empty ones included.
   *
   * @param granularity day or week
   */
  public record Series(
      ScopeRef scope, String granularity, LocalDate from, LocalDate to, List<Point> points) {

    public Series {
      points = List.copyOf(points);
    }
  }

  /**
   * A calendar period and its change against the previous one.
   *
   * @param name THIS_MONTH, LAST_MONTH, QUARTER, YEAR_TO_DATE or ROLLING_3_MONTHS
   * @param previous the previous period's figures; null when it reaches back past the kept history
   *     (13 months)
   * @param csiChange CSI minus the previous period's; null unless both have a CSI
   * @param csiSignificant whether that change is beyond chance (95 %); null when it cannot be
   *     judged (fewer than 10 responses in either period, or no previous period)
   * @param npsChange NPS minus the previous period's
   * @param npsSignificant as csiSignificant, for the NPS
   */
  public record Period(
      String name,
      LocalDate from,
      LocalDate to,
      Figures figures,
      LocalDate previousFrom,
      LocalDate previousTo,
      @Nullable Figures previous,
      @Nullable Double csiChange,
      @Nullable Boolean csiSignificant,
      @Nullable Double npsChange,
      @Nullable Boolean npsSignificant) {}

  /**
   * A scope's calendar periods on {@code today} (the dealer's local date; for wider scopes, the
   * date in the reporting time zone).
   */
  public record Periods(ScopeRef scope, LocalDate today, List<Period> periods) {

    public Periods {
      periods = List.copyOf(periods);
    }
  }
}
