package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistoryTimelineTests {

  private static final Instant END = Instant.parse("2026-11-23T07:15:00Z");

  @Test
  void spreadsExactlyTheRequestedEventsOverTheSpanInTimeOrder() {
    long[] times =
        HistoryTimeline.spread(new SplittableRandom(1), END, Duration.ofDays(30), 50_000);

    assertThat(times).hasSize(50_000).isSorted();
    assertThat(times[0]).isGreaterThanOrEqualTo(END.minus(Duration.ofDays(30)).toEpochMilli());
    assertThat(times[times.length - 1]).isLessThan(END.toEpochMilli());
    long lastWeek =
        Arrays.stream(times).filter(t -> t >= END.minus(Duration.ofDays(7)).toEpochMilli()).count();
    assertThat((double) lastWeek / times.length).isBetween(0.18, 0.29);
  }

  @Test
  void daytimeIsBusierThanNight() {
    long[] times = HistoryTimeline.spread(new SplittableRandom(2), END, Duration.ofDays(7), 20_000);
    int noon = 0;
    int threeAm = 0;
    for (long t : times) {
      int hour = Instant.ofEpochMilli(t).atOffset(ZoneOffset.ofHours(3)).getHour();
      if (hour == 12) {
        noon++;
      } else if (hour == 3) {
        threeAm++;
      }
    }

    assertThat(noon).isGreaterThan(10 * threeAm);
  }

  @Test
  void isDeterministicForASeed() {
    assertThat(HistoryTimeline.spread(new SplittableRandom(3), END, Duration.ofDays(1), 1_000))
        .isEqualTo(HistoryTimeline.spread(new SplittableRandom(3), END, Duration.ofDays(1), 1_000));
  }

  @Test
  void decemberIsBusierThanJanuaryAndSaturdayThanSunday() {
    long[] times =
        HistoryTimeline.spread(
            new SplittableRandom(4),
            Instant.parse("2027-02-01T00:00:00Z"),
            Duration.ofDays(62),
            60_000);
    int[] byMonth = new int[13];
    int saturday = 0;
    int sunday = 0;
    for (long t : times) {
      var local = Instant.ofEpochMilli(t).atOffset(ZoneOffset.ofHours(3));
      byMonth[local.getMonthValue()]++;
      switch (local.getDayOfWeek()) {
        case SATURDAY -> saturday++;
        case SUNDAY -> sunday++;
        default -> {}
      }
    }
    // December's volume is 1.2, January's 0.65: about 1.8 times as many (both have 31 days).
    assertThat((double) byMonth[12] / byMonth[1]).isBetween(1.6, 2.1);
    // Saturday 1.1 against Sunday 0.6 (nine of each in these 62 days).
    assertThat((double) saturday / sunday).isBetween(1.6, 2.1);
  }

  @Test
  void dailyGivesEveryDayItsTenToThirtyAnswers() {
    Instant end = Instant.parse("2026-11-23T00:00:00Z");
    long[] times = HistoryTimeline.daily(new SplittableRandom(5), end, Duration.ofDays(40), 10, 30);
    assertThat(times).isSorted();
    int[] perDay = new int[40];
    for (long t : times) {
      int day = (int) ((end.toEpochMilli() - 1 - t) / 86_400_000L);
      perDay[day]++;
    }
    assertThat(Arrays.stream(perDay).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(10, 30));
    assertThat(times.length).isBetween(40 * 15, 40 * 25);
  }
}
