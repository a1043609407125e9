package io.pulse.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
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
    long periodNanos = period.toNanos();
    return Flux.defer(() -> {
      Sinks.Many<T> out = Sinks.many().unicast().onBackpressureBuffer();
      State<T> state = new State<>();
      Disposable upstream =
          source.subscribe(
              value -> {
                synchronized (state) {
                  long now = scheduler.now(TimeUnit.NANOSECONDS);
                  if (state.timer == null && now - state.lastEmit >= periodNanos) {
                    state.lastEmit = now;
                    out.tryEmitNext(value);
                  } else {
                    state.pending = value;
                    if (state.timer == null) {
                      long wait = Math.max(0, state.lastEmit + periodNanos - now);
                      state.timer =
                          scheduler.schedule(
                              () -> flush(state, out, scheduler), wait, TimeUnit.NANOSECONDS);
                    }
                  }
                }
              },
              error -> {
                synchronized (state) {
                  out.tryEmitError(error);
                }
              },
              () -> {
                synchronized (state) {
                  if (state.pending != null) {
                    out.tryEmitNext(state.pending);
                    state.pending = null;
                  }
                  out.tryEmitComplete();
                }
              });
      return out.asFlux()
          .doFinally(signal -> {
            upstream.dispose();
            synchronized (state) {
              if (state.timer != null) {
                state.timer.dispose();
              }
            }
          });
    });
  }

  private static <T> void flush(State<T> state, Sinks.Many<T> out, Scheduler scheduler) {
    synchronized (state) {
      state.timer = null;
      if (state.pending != null) {
        state.lastEmit = scheduler.now(TimeUnit.NANOSECONDS);
        out.tryEmitNext(state.pending);
        state.pending = null;
      }
    }
  }

  private static final class State<T> {
    long lastEmit = Long.MIN_VALUE / 2;
    @Nullable T pending;
    @Nullable Disposable timer;
  }
}
