package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The ticker's rhythm, in virtual time: one tick per period, no pile-up, errors don't stop it. */
class TickScheduleTests {

  @Test
  void ticksOncePerPeriod() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            WindowTicker.every(
                Duration.ofSeconds(1),
                () ->
                    Mono.fromSupplier(
                        () -> new WindowTicker.TickReport(calls.incrementAndGet(), 0))))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(r -> assertThat(r.scopes()).isEqualTo(1))
        .thenAwait(Duration.ofSeconds(2))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(calls).hasValue(3);
  }

  @Test
  void aSlowTickMakesLaterTicksSkipInsteadOfPilingUp() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            WindowTicker.every(
                Duration.ofSeconds(1),
                () ->
                    Mono.delay(Duration.ofMillis(3500))
                        .map(x -> new WindowTicker.TickReport(calls.incrementAndGet(), 0))))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(10))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    // 10 s of 1 s ticks, each taking 3.5 s: ticks that came due meanwhile were dropped, so at
    // most three ran (at 1 s, about 4.5 s and about 8 s), not ten queued behind each other.
    assertThat(calls.get()).isBetween(2, 3);
  }

  @Test
  void aFailedTickDoesNotStopTheTicker() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            WindowTicker.every(
                Duration.ofSeconds(1),
                () ->
                    calls.incrementAndGet() == 1
                        ? Mono.error(new IllegalStateException("Redis hiccup"))
                        : Mono.just(new WindowTicker.TickReport(1, 0))))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(3))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(calls).hasValue(3);
  }
}
