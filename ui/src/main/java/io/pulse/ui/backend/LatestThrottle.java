package io.pulse.ui.backend;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A leading + trailing throttle that keeps only the newest value: the first value after a quiet
 * period passes at once, values within the following period collapse into the newest one, which
 * passes when the period ends. Live numbers thus reach people at human speed without ever staying
 * behind.
 */
public final class LatestThrottle {

  private LatestThrottle() {}

  public static <T> Flux<T> apply(Flux<T> source, Duration period) {
    return apply(source, period, Schedulers.parallel());
  }

  public static <T> Flux<T> apply(Flux<T> source, Duration period, Scheduler scheduler) {
    if (period.isZero() || period.isNegative()) {
      return source;
    }
    // onBackpressureLatest holds the newest value while the pause after an emission runs;
    // concatMap without prefetch asks for the next value only when that pause is over.
    return source
        .onBackpressureLatest()
        .concatMap(
            value ->
                Flux.concat(Mono.just(value), Mono.delay(period, scheduler).then(Mono.<T>empty())),
            0);
  }
}
