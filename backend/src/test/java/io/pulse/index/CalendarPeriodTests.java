package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarPeriodTests {

  private static CalendarPeriod p(
      String name, String from, String to, String previousFrom, String previousTo) {
    return new CalendarPeriod(
        name,
        LocalDate.parse(from),
        LocalDate.parse(to),
        LocalDate.parse(previousFrom),
        LocalDate.parse(previousTo));
  }

  @Test
  void periodsOfAnOrdinaryDay() {
    assertThat(CalendarPeriod.on(LocalDate.parse("2026-12-07")))
        .containsExactly(
            p("THIS_MONTH", "2026-12-01", "2026-12-07", "2026-11-01", "2026-11-30"),
            p("LAST_MONTH", "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31"),
            p("QUARTER", "2026-10-01", "2026-12-07", "2026-07-01", "2026-09-30"),
            p("YEAR_TO_DATE", "2026-01-01", "2026-12-07", "2025-01-01", "2025-12-07"),
            // 3 months back from 7 December is 7 September: the period starts the day after.
            p("ROLLING_3_MONTHS", "2026-09-08", "2026-12-07", "2026-06-08", "2026-09-07"));
  }

  @Test
  void theFirstDayOfAYearStartsEveryPeriodButTheRollingOne() {
    List<CalendarPeriod> periods = CalendarPeriod.on(LocalDate.parse("2027-01-01"));
    assertThat(periods.get(0))
        .isEqualTo(p("THIS_MONTH", "2027-01-01", "2027-01-01", "2026-12-01", "2026-12-31"));
    assertThat(periods.get(1))
        .isEqualTo(p("LAST_MONTH", "2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30"));
    assertThat(periods.get(2))
        .isEqualTo(p("QUARTER", "2027-01-01", "2027-01-01", "2026-10-01", "2026-12-31"));
    assertThat(periods.get(3))
        .isEqualTo(p("YEAR_TO_DATE", "2027-01-01", "2027-01-01", "2026-01-01", "2026-01-01"));
  }

  @Test
  void aLeapDayComparesWithThe28thAndMonthEndsClampTheRollingPeriod() {
    List<CalendarPeriod> leap = CalendarPeriod.on(LocalDate.parse("2028-02-29"));
    assertThat(leap.get(3).previousTo()).isEqualTo(LocalDate.parse("2027-02-28"));
    // 31 May − 3 months = 28 February (clamped), so the period is 1 March to 31 May; the one
    // before ends on 28 February and starts on 1 December.
    CalendarPeriod rolling = CalendarPeriod.on(LocalDate.parse("2026-05-31")).get(4);
    assertThat(rolling)
        .isEqualTo(p("ROLLING_3_MONTHS", "2026-03-01", "2026-05-31", "2025-12-01", "2026-02-28"));
  }

  @Test
  void containsIsInclusiveAtBothEnds() {
    CalendarPeriod month = CalendarPeriod.on(LocalDate.parse("2026-12-07")).getFirst();
    assertThat(month.contains(LocalDate.parse("2026-12-01"))).isTrue();
    assertThat(month.contains(LocalDate.parse("2026-12-07"))).isTrue();
    assertThat(month.contains(LocalDate.parse("2026-12-08"))).isFalse();
    assertThat(month.previousContains(LocalDate.parse("2026-11-30"))).isTrue();
    assertThat(month.previousContains(LocalDate.parse("2026-12-01"))).isFalse();
    assertThat(month.days()).isEqualTo(7);
  }
}
