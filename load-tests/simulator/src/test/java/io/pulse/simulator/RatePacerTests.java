package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RatePacerTests {

  private static final Instant START = Instant.parse("2026-11-23T07:00:00Z");

  @Test
  void keepsTheRequestedRateOverJitteryTicks() {
    RatePacer pacer = new RatePacer(50, START, Duration.ofSeconds(2));
    long total = 0;
    // 200 ms ticks that arrive up to 70 ms early or late, as a busy scheduler delivers them.
    long[] jitter = {0, 70, -40, 15, -70, 55, -5, 30};
    for (int tick = 1; tick < 300; tick++) {
      total += pacer.due(START.plusMillis(tick * 200L + jitter[tick % jitter.length]));
    }
    total += pacer.due(START.plusSeconds(60));

    assertThat(total).isEqualTo(3_000);
  }

  @Test
  void handsOutFractionalRatesOverTime() {
    RatePacer pacer = new RatePacer(0.5, START, Duration.ofSeconds(10));

    assertThat(pacer.due(START.plusMillis(1_900))).isZero();
    assertThat(pacer.due(START.plusMillis(2_000))).isEqualTo(1);
    assertThat(pacer.due(START.plusMillis(3_000))).isZero();
    assertThat(pacer.due(START.plusSeconds(10))).isEqualTo(4);
  }

  @Test
  void makesUpOnlyALimitedBacklogAfterAStall() {
    RatePacer pacer = new RatePacer(100, START, Duration.ofSeconds(2));

    assertThat(pacer.due(START.plusSeconds(30))).isEqualTo(200);
    assertThat(pacer.due(START.plusMillis(30_100))).isEqualTo(10);
    assertThat(pacer.emitted()).isEqualTo(3_010);
  }

  @Test
  void aClockBehindTheStartOwesNothing() {
    assertThat(new RatePacer(10, START, Duration.ofSeconds(1)).due(START.minusSeconds(5))).isZero();
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RatePacer(0, START, Duration.ofSeconds(1)));
  }
}
