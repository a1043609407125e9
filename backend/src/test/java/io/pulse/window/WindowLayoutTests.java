package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowLayoutTests {

  private final WindowLayout layout =
      WindowLayout.of(
          List.of(
              Duration.ofDays(30), Duration.ofHours(1), Duration.ofDays(7), Duration.ofHours(24)));

  @Test
  void sortsWindowsAndNestsBucketSizes() {
    assertThat(layout.windows())
        .extracting(WindowSpec::name)
        .containsExactly("1h", "24h", "7d", "30d");
    // 1h/60 = 1 min; 24h/60 = 24 min (24 x 1 min); 7d/60 = 168 min (7 x 24 min);
    // 30d/60 = 720 min is not a multiple of 168: the largest multiple below is 672 min.
    assertThat(layout.windows())
        .extracting(WindowSpec::bucket)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(24),
            Duration.ofMinutes(168),
            Duration.ofMinutes(672));
    for (int i = 1; i < layout.size(); i++) {
      assertThat(layout.bucketMillis(i) % layout.bucketMillis(i - 1)).isZero();
      assertThat(layout.bucketMillis(i)).isLessThanOrEqualTo(layout.lengthMillis(i) / 60);
    }
  }

  @Test
  void placesAnEventInTheFinestWindowThatStillHoldsIt() {
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    assertThat(layout.place(now.minusSeconds(10), now))
        .contains(new BucketPlacement(0, Instant.parse("2026-11-23T10:00:00Z").toEpochMilli()));
    // 59 min ago still fits the hour; 2 hours ago needs the 24-minute buckets.
    assertThat(layout.place(now.minus(Duration.ofMinutes(59)), now).orElseThrow().level()).isZero();
    BucketPlacement twoHours = layout.place(now.minus(Duration.ofHours(2)), now).orElseThrow();
    assertThat(twoHours.level()).isEqualTo(1);
    assertThat(twoHours.startMillis() % Duration.ofMinutes(24).toMillis()).isZero();
    assertThat(layout.place(now.minus(Duration.ofDays(3)), now).orElseThrow().level()).isEqualTo(2);
    assertThat(layout.place(now.minus(Duration.ofDays(20)), now).orElseThrow().level())
        .isEqualTo(3);
    assertThat(layout.place(now.minus(Duration.ofDays(32)), now)).isEmpty();
    // A little in the future (sender clocks drift) counts as now.
    assertThat(layout.place(now.plusSeconds(90), now).orElseThrow().level()).isZero();
  }

  @Test
  void firstDueIsTheEndOfAnOpenBucketElseItsExpiry() {
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    BucketPlacement open = layout.place(now, now).orElseThrow();
    assertThat(layout.firstDue(open, now))
        .isEqualTo(Instant.parse("2026-11-23T10:01:00Z").toEpochMilli());
    BucketPlacement late = layout.place(now.minus(Duration.ofHours(2)), now).orElseThrow();
    assertThat(layout.firstDue(late, now))
        .isEqualTo(
            late.startMillis()
                + Duration.ofMinutes(24).toMillis()
                + Duration.ofHours(24).toMillis());
  }

  @Test
  void refusesWindowsTooShortToBucket() {
    assertThatThrownBy(() -> WindowLayout.of(List.of(Duration.ofSeconds(30))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesScopeTagsBack() {
    assertThat(AggregateScope.fromTag(new AggregateScope.Dealer("D-1_x").tag()))
        .isEqualTo(new AggregateScope.Dealer("D-1_x"));
    assertThat(AggregateScope.fromTag(new AggregateScope.Cell("B1", "R_2").tag()))
        .isEqualTo(new AggregateScope.Cell("B1", "R_2"));
  }
}
