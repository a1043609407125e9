package io.pulse.index;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * A calendar period ending on or before {@code today}, and the period it is compared with. Days are
 * whole local days, both ends included.
 *
 * @param name THIS_MONTH, LAST_MONTH, QUARTER, YEAR_TO_DATE or ROLLING_3_MONTHS
 */
public record CalendarPeriod(
    String name, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo) {

  public CalendarPeriod {
    if (to.isBefore(from) || previousTo.isBefore(previousFrom) || !previousTo.isBefore(from)) {
      throw new IllegalArgumentException("a period must follow its previous period: " + name);
    }
  }

  /**
   * The five periods of docs/index-methodology.md ("Calendar periods") on {@code today}:
   *
   * <ul>
   *   <li>this month so far, against the whole of last month;
   *   <li>last month, against the month before;
   *   <li>this quarter so far, against the whole of last quarter;
   *   <li>the year so far, against the same dates of last year;
   *   <li>the last three months (today and the 3 months back from it), against the 3 months before.
   * </ul>
   *
   * A running period is compared with the previous whole period: CSI and NPS are means, so a
   * shorter period is comparable, only less certain (which the significance test accounts for).
   */
  public static List<CalendarPeriod> on(LocalDate today) {
    LocalDate month = today.withDayOfMonth(1);
    LocalDate lastMonth = month.minusMonths(1);
    LocalDate quarter = today.with(IsoFields.DAY_OF_QUARTER, 1);
    LocalDate lastQuarter = quarter.minusMonths(3);
    LocalDate year = today.withDayOfYear(1);
    LocalDate rolling = today.minusMonths(3).plusDays(1);
    return List.of(
        new CalendarPeriod("THIS_MONTH", month, today, lastMonth, month.minusDays(1)),
        new CalendarPeriod(
            "LAST_MONTH",
            lastMonth,
            month.minusDays(1),
            lastMonth.minusMonths(1),
            lastMonth.minusDays(1)),
        new CalendarPeriod("QUARTER", quarter, today, lastQuarter, quarter.minusDays(1)),
        new CalendarPeriod(
            // minusYears maps 29 February to the 28th.
            "YEAR_TO_DATE", year, today, year.minusYears(1), today.minusYears(1)),
        new CalendarPeriod(
            "ROLLING_3_MONTHS", rolling, today, rolling.minusMonths(3), rolling.minusDays(1)));
  }

  /** Days in the period. */
  public long days() {
    return to.toEpochDay() - from.toEpochDay() + 1;
  }

  /** Whether {@code day} lies in the period (not its previous one). */
  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  /** Whether {@code day} lies in the previous period. */
  public boolean previousContains(LocalDate day) {
    return !day.isBefore(previousFrom) && !day.isAfter(previousTo);
  }
}
