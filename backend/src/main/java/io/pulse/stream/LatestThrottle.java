package io.pulse.stream;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Conflates a stream to at most one value per period, leading and trailing: the first value after a
 * quiet period goes out at once (a lone event is on screen in milliseconds), values arriving within
 * the period collapse into the latest, which goes out when the period ends. So a burst of 1,000
 * changes yields a handful of values, the last one always the newest.
 */
final class LatestThrottle {

  private LatestThrottle() {}

  static <T> Flux<T> latest(Flux<T> source, Duration period, Scheduler scheduler) {
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
