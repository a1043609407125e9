package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Conflation in virtual time: leading edge at once, bursts collapse to the latest. */
class LatestThrottleTests {

  private static final Duration PERIOD = Duration.ofMillis(250); // 4 per second

  @Test
  void aLoneValueGoesOutAtOnce() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Sinks.Many<Integer> source = Sinks.many().multicast().directBestEffort();
    StepVerifier.withVirtualTime(
            () -> LatestThrottle.latest(source.asFlux(), PERIOD, time), () -> time, Long.MAX_VALUE)
        .expectSubscription()
        .then(() -> source.tryEmitNext(1))
        .expectNext(1) // no time has passed
        .thenAwait(Duration.ofSeconds(5))
        .then(() -> source.tryEmitNext(2))
        .expectNext(2) // again at once after a quiet period
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aBurstOfAThousandYieldsAFewValuesEndingWithTheLatest() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Sinks.Many<Integer> source = Sinks.many().multicast().directBestEffort();
    List<Integer> out = new ArrayList<>();
    Disposable subscription =
        LatestThrottle.latest(source.asFlux(), PERIOD, time).subscribe(out::add);
    // 1,000 changes spread over one second, in virtual time.
    for (int i = 1; i <= 1000; i++) {
      source.tryEmitNext(i);
      time.advanceTimeBy(Duration.ofMillis(1));
    }
    time.advanceTimeBy(Duration.ofSeconds(1));
    subscription.dispose();
    // The leading value, then the latest at most once per 250 ms.
    assertThat(out).containsExactly(1, 250, 500, 750, 1000);
  }

  @Test
  void valuesWithinOnePeriodCollapseIntoTheLastOne() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Sinks.Many<String> source = Sinks.many().multicast().directBestEffort();
    StepVerifier.withVirtualTime(
            () -> LatestThrottle.latest(source.asFlux(), PERIOD, time), () -> time, Long.MAX_VALUE)
        .expectSubscription()
        .then(() -> source.tryEmitNext("a"))
        .expectNext("a")
        .then(() -> {
          source.tryEmitNext("b");
          source.tryEmitNext("c");
        })
        .expectNoEvent(Duration.ofMillis(249))
        .thenAwait(Duration.ofMillis(1))
        .expectNext("c")
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void completionFlushesThePendingValue() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    StepVerifier.withVirtualTime(
            () -> LatestThrottle.latest(Flux.just(1, 2, 3), PERIOD, time),
            () -> time,
            Long.MAX_VALUE)
        .expectNext(1)
        .thenAwait(PERIOD)
        .expectNext(3)
        // The pause after the last value runs out before the end: completion is never early.
        .thenAwait(PERIOD)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void theFirstChangeAfterTheSnapshotGoesOutAtOnceNotAPeriodLater() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Sinks.Many<String> changes = Sinks.many().multicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(
            () -> IndexStreams.triggers(changes.asFlux(), PERIOD, time), () -> time, Long.MAX_VALUE)
        .expectSubscription()
        .assertNext(t -> assertThat(IndexStreams.isSnapshot(t)).isTrue())
        .then(() -> time.advanceTimeBy(Duration.ofMillis(10)))
        .then(() -> changes.tryEmitNext("first change"))
        .expectNext("first change")
        .then(() -> changes.tryEmitNext("second"))
        .then(() -> changes.tryEmitNext("third"))
        .expectNoEvent(PERIOD.minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .expectNext("third")
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }
}
