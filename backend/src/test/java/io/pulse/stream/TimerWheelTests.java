package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** One periodic task for all streams: each visited once per revolution, a slot at a time. */
class TimerWheelTests {

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final TimerWheel wheel =
      new TimerWheel(Duration.ofMillis(800), 8, time, () -> time.now(TimeUnit.NANOSECONDS));

  private static final class Counting implements TimerWheel.Ticking {
    final AtomicInteger ticks = new AtomicInteger();

    @Override
    public void tick(long nowNanos) {
      ticks.incrementAndGet();
    }
  }

  @Test
  void everyStreamIsVisitedOncePerRevolutionSpreadOverTheSlots() {
    List<Counting> streams = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Counting c = new Counting();
      streams.add(c);
      wheel.add(c);
    }
    wheel.start();
    time.advanceTimeBy(Duration.ofMillis(100)); // one slot of eight
    assertThat(streams.stream().mapToInt(c -> c.ticks.get()).sum()).isBetween(2, 3);
    time.advanceTimeBy(Duration.ofMillis(700)); // the rest of the revolution
    assertThat(streams).allSatisfy(c -> assertThat(c.ticks).hasValue(1));
    time.advanceTimeBy(Duration.ofSeconds(8));
    assertThat(streams).allSatisfy(c -> assertThat(c.ticks).hasValue(11));
    assertThat(wheel.size()).isEqualTo(20);
  }

  @Test
  void aRemovedStreamIsNotVisitedAgain() {
    Counting kept = new Counting();
    Counting removed = new Counting();
    wheel.add(kept);
    int slot = wheel.add(removed);
    wheel.start();
    time.advanceTimeBy(Duration.ofMillis(800));
    wheel.remove(removed, slot);
    time.advanceTimeBy(Duration.ofMillis(1600));
    assertThat(kept.ticks).hasValue(3);
    assertThat(removed.ticks).hasValue(1);
    assertThat(wheel.size()).isEqualTo(1);
  }

  @Test
  void aStreamThatThrowsDoesNotStopTheOthers() {
    Counting before = new Counting();
    Counting after = new Counting();
    // All three in one slot: every eighth registration shares it.
    wheel.add(before);
    for (int i = 0; i < 7; i++) {
      wheel.add(new Counting());
    }
    wheel.add(now -> {
      throw new IllegalStateException("broken");
    });
    for (int i = 0; i < 7; i++) {
      wheel.add(new Counting());
    }
    wheel.add(after);
    wheel.start();
    time.advanceTimeBy(Duration.ofMillis(1600));
    assertThat(before.ticks).hasValue(2);
    assertThat(after.ticks).hasValue(2);
  }

  @Test
  void stoppedItVisitsNothing() {
    Counting c = new Counting();
    wheel.add(c);
    wheel.start();
    time.advanceTimeBy(Duration.ofMillis(800));
    wheel.stop();
    time.advanceTimeBy(Duration.ofSeconds(10));
    assertThat(c.ticks).hasValue(1);
  }
}
