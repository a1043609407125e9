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
}
