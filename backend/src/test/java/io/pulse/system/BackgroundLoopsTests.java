package io.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The rhythm and the resilience of background loops, in virtual time: one step per period, no
 * pile-up, and neither a failing step nor a throwing one stops the loop; the loop's health and
 * metrics say how it is doing.
 */
class BackgroundLoopsTests {

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final BackgroundLoops loops = new BackgroundLoops(meters);

  @Test
  void runsOneStepPerPeriod() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            loops.every(
                "steady", Duration.ofSeconds(1), () -> Mono.fromSupplier(calls::incrementAndGet)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(n -> assertThat(n).isEqualTo(1))
        .thenAwait(Duration.ofSeconds(2))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(calls).hasValue(3);
    assertThat(runs("steady", "success")).isEqualTo(3);
  }

  @Test
  void aSlowStepMakesLaterOnesSkipInsteadOfPilingUp() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            loops.every(
                "slow",
                Duration.ofSeconds(1),
                () -> Mono.delay(Duration.ofMillis(3500)).map(x -> calls.incrementAndGet())))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(10))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    // 10 s of 1 s periods, each step taking 3.5 s: steps that came due meanwhile were dropped,
    // so at most three ran (at 1 s, about 4.5 s and about 8 s), not ten queued behind each other.
    assertThat(calls.get()).isBetween(2, 3);
  }

  @Test
  void neitherAFailedNorAThrowingStepStopsTheLoop() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            loops.every(
                "flaky",
                Duration.ofSeconds(1),
                () ->
                    switch (calls.incrementAndGet()) {
                      case 1 -> Mono.error(new IllegalStateException("Redis hiccup"));
                      case 2 -> throw new IllegalArgumentException("bad element");
                      default -> Mono.just(calls.get());
                    }))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(4))
        .expectNext(3, 4)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(runs("flaky", "failure")).isEqualTo(2);
    assertThat(runs("flaky", "success")).isEqualTo(2);
  }

  @Test
  void aStepThatHangsTimesOutAndTheLoopGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            loops.every(
                "hung",
                Duration.ofSeconds(1),
                () ->
                    calls.incrementAndGet() == 1 ? Mono.<Integer>never() : Mono.just(calls.get())))
        .expectSubscription()
        // The first step hangs (a query on a dead connection); after 30 s it is cut off.
        .thenAwait(Duration.ofSeconds(31))
        .expectNext(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(runs("hung", "failure")).isEqualTo(1);
  }

  @Test
  void healthIsDownWithTheLastErrorWhenALoopStopsSucceeding() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    var subscription =
        loops
            .every(
                "broken",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                time,
                () -> time.now(TimeUnit.NANOSECONDS),
                () -> Mono.error(new IllegalStateException("PostgreSQL is away")))
            .subscribe();
    try {
      time.advanceTimeBy(Duration.ofSeconds(5));
      assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
      time.advanceTimeBy(Duration.ofSeconds(30));
      var health = loops.health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      @SuppressWarnings("unchecked")
      Map<String, Object> broken = (Map<String, Object>) health.getDetails().get("broken");
      assertThat(broken)
          .containsEntry("stale", true)
          .containsEntry("lastError", "java.lang.IllegalStateException: PostgreSQL is away");
      assertThat(meters.get("pulse.loop.last.success.age").tag("loop", "broken").gauge().value())
          .isGreaterThanOrEqualTo(35);
    } finally {
      subscription.dispose();
      time.dispose();
    }
  }

  private long runs(String loop, String outcome) {
    return (long)
        meters.get("pulse.loop.runs").tag("loop", loop).tag("outcome", outcome).counter().count();
  }
}
