package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A subscriber that stops reading holds one value at most, and is cut off after the bound. */
class SlowSubscriberGuardTests {

  @Test
  void aReaderThatKeepsUpIsNeverCutOff() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    AtomicInteger drops = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () ->
                SlowSubscriberGuard.guard(
                    Flux.interval(Duration.ofSeconds(1), time).take(100),
                    Duration.ofSeconds(30),
                    time,
                    drops::incrementAndGet),
            () -> time,
            Long.MAX_VALUE)
        .thenAwait(Duration.ofSeconds(100))
        .expectNextCount(100)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    assertThat(drops).hasValue(0);
  }

  @Test
  void aReaderThatStopsGetsOnlyTheLatestAndIsCutOffAfterTheBound() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    AtomicInteger drops = new AtomicInteger();
    AtomicInteger produced = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () ->
                SlowSubscriberGuard.guard(
                    Flux.interval(Duration.ofMillis(10), time)
                        .doOnNext(i -> produced.incrementAndGet()),
                    Duration.ofSeconds(30),
                    time,
                    drops::incrementAndGet),
            () -> time,
            1)
        .thenAwait(Duration.ofMillis(10))
        .expectNext(0L) // took one, then stops asking
        .thenAwait(Duration.ofSeconds(20))
        .expectNoEvent(Duration.ofSeconds(5)) // 25 s without reading: still connected
        .then(() -> assertThat(drops).hasValue(0))
        // Checked every bound/4: cut off between 30 and 37.5 s after the value started waiting.
        .thenAwait(Duration.ofSeconds(15))
        .expectError(SlowSubscriberGuard.SlowSubscriberException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(drops).hasValue(1);
    // Thousands were produced meanwhile; the guard kept only the newest (onBackpressureLatest).
    assertThat(produced.get()).isGreaterThan(3000);
  }

  @Test
  void aLateReaderGetsTheNewestValueNotTheBacklog() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    StepVerifier.withVirtualTime(
            () ->
                SlowSubscriberGuard.guard(
                    Flux.interval(Duration.ofSeconds(1), time).take(10),
                    Duration.ofSeconds(30),
                    time,
                    () -> {}),
            () -> time,
            0)
        .thenAwait(Duration.ofSeconds(10))
        .thenRequest(1)
        .expectNext(9L)
        .thenRequest(1)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }
}
