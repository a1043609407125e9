package io.pulse.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps a slow subscriber from growing server memory: it holds at most the latest value the
 * subscriber has not taken yet (latest-value conflation), and ends the stream when a value has
 * waited longer than the bound (the client then reconnects and gets a fresh snapshot).
 */
final class SlowSubscriberGuard {

  private static final long NOTHING_WAITING = Long.MIN_VALUE;

  private SlowSubscriberGuard() {}

  static <T> Flux<T> guard(Flux<T> source, Duration bound, Scheduler scheduler, Runnable onDrop) {
    return Flux.defer(() -> {
      AtomicLong waitingSince = new AtomicLong(NOTHING_WAITING);
      AtomicBoolean dropped = new AtomicBoolean();
      Flux<Long> tooSlow =
          Flux.interval(bound.dividedBy(4).plusMillis(1), scheduler)
              .filter(tick -> {
                long since = waitingSince.get();
                return since != NOTHING_WAITING
                    && scheduler.now(TimeUnit.NANOSECONDS) - since > bound.toNanos();
              })
              .take(1)
              .doOnNext(tick -> {
                dropped.set(true);
                onDrop.run();
              });
      return source
          .doOnNext(
              v -> waitingSince.compareAndSet(NOTHING_WAITING, scheduler.now(TimeUnit.NANOSECONDS)))
          .onBackpressureLatest()
          .doOnNext(v -> waitingSince.set(NOTHING_WAITING))
          // An error, not a completion: the server cannot finish a response the client does
          // not read, so the connection must be dropped to free what it holds.
          .takeUntilOther(tooSlow)
          .concatWith(
              Flux.defer(() ->
                  dropped.get() ? Flux.error(new SlowSubscriberException(bound)) : Flux.empty()));
    });
  }

  /** The subscriber took nothing for longer than the bound while an update waited. */
  static final class SlowSubscriberException extends RuntimeException {
    SlowSubscriberException(Duration bound) {
      super("client read nothing for " + bound + " while an update waited", null, false, false);
    }
  }
}
