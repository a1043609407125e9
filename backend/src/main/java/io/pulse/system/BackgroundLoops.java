package io.pulse.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the instance's periodic jobs (window ticker, reconciler, directory reload, relay flushes,
 * watchdog) so that none of them can die: a step that fails, or throws instead of failing, is
 * counted and logged (at most once a minute per loop) and the next period runs as usual; a step
 * still running when the next is due makes that one skip instead of piling up.
 *
 * <p>Each loop reports itself: {@code pulse_loop_runs_total{loop,outcome}}, {@code
 * pulse_loop_last_success_age_seconds{loop}}, and the {@code backgroundLoops} health component,
 * which is DOWN with the loop's last error when a loop has not succeeded for three periods (at
 * least 30 s).
 */
@Component("backgroundLoops")
public class BackgroundLoops implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(BackgroundLoops.class);
  private static final Duration MIN_STALE = Duration.ofSeconds(30);

  private final MeterRegistry meters;
  private final ThrottledLog failures = new ThrottledLog(log, Duration.ofMinutes(1));
  private final Map<String, Loop> loops = new ConcurrentHashMap<>();

  /** One loop's record: when it last succeeded, and how it last failed. */
  private static final class Loop {
    final Duration limit;
    final LongSupplier nanos;
    final AtomicLong lastSuccessNanos;
    final AtomicReference<@Nullable String> lastError = new AtomicReference<>();
    final Counter ok;
    final Counter failed;

    Loop(String name, Duration period, LongSupplier nanos, MeterRegistry meters) {
      this.limit = staleAfter(period);
      this.nanos = nanos;
      this.lastSuccessNanos = new AtomicLong(nanos.getAsLong());
      this.ok = runs(meters, name, "success");
      this.failed = runs(meters, name, "failure");
    }

    private static Counter runs(MeterRegistry meters, String name, String outcome) {
      return Counter.builder("pulse.loop.runs")
          .description("Steps of a background loop, by outcome")
          .tag("loop", name)
          .tag("outcome", outcome)
          .register(meters);
    }

    double ageSeconds() {
      return (nanos.getAsLong() - lastSuccessNanos.get()) / 1e9;
    }

    boolean stale() {
      return ageSeconds() > limit.toNanos() / 1e9;
    }
  }

  /** Three periods, at least 30 s: how long a loop may go without success, or a step may run. */
  static Duration staleAfter(Duration period) {
    Duration limit = period.multipliedBy(3);
    return limit.compareTo(MIN_STALE) < 0 ? MIN_STALE : limit;
  }

  public BackgroundLoops(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Runs {@code step} every {@code period}, the first time after one period. */
  public <T> Flux<T> every(String name, Duration period, Supplier<Mono<T>> step) {
    return every(name, period, period, step);
  }

  /** Runs {@code step} every {@code period}, the first time after {@code initialDelay}. */
  public <T> Flux<T> every(
      String name, Duration initialDelay, Duration period, Supplier<Mono<T>> step) {
    return every(name, initialDelay, period, Schedulers.parallel(), System::nanoTime, step);
  }

  /**
   * Runs {@code step} every {@code period} after {@code initialDelay} on {@code scheduler}, ages
   * measured on {@code nanos} (a monotonic clock: a wall clock that steps back must not make a
   * stalled loop look fresh); the returned flux carries each successful step's value and never ends
   * by itself (subscribe to start the loop, dispose to stop it). A step that has not finished after
   * three periods (at least 30 s) fails: a query hung on a dead connection must not stall the loop
   * for good.
   */
  <T> Flux<T> every(
      String name,
      Duration initialDelay,
      Duration period,
      Scheduler scheduler,
      LongSupplier nanos,
      Supplier<Mono<T>> step) {
    Loop loop =
        loops.computeIfAbsent(
            name,
            n -> {
              Loop l = new Loop(n, period, nanos, meters);
              Gauge.builder("pulse.loop.last.success.age", l, Loop::ageSeconds)
                  .description("Seconds since a background loop last completed a step")
                  .tag("loop", n)
                  .baseUnit("seconds")
                  .register(meters);
              return l;
            });
    Duration timeout = staleAfter(period);
    return Flux.interval(initialDelay, period, scheduler)
        .onBackpressureDrop()
        .concatMap(
            tick ->
                // Deferred: a step that throws while building its Mono fails this step only.
                Mono.defer(step)
                    .timeout(timeout, scheduler)
                    .doOnSuccess(v -> {
                      loop.lastSuccessNanos.set(nanos.getAsLong());
                      loop.ok.increment();
                    })
                    .onErrorResume(e -> {
                      loop.failed.increment();
                      loop.lastError.set(e.toString());
                      failures.warn(name, () -> "Background loop " + name + " failed: " + e);
                      return Mono.empty();
                    }),
            1);
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean down = false;
    for (Map.Entry<String, Loop> e : new TreeMap<>(loops).entrySet()) {
      Loop l = e.getValue();
      boolean stale = l.stale();
      down |= stale;
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("lastSuccessSecondsAgo", Math.round(l.ageSeconds() * 10) / 10.0);
      d.put("stale", stale);
      d.put("failures", (long) l.failed.count());
      String error = l.lastError.get();
      if (error != null) {
        d.put("lastError", error);
      }
      details.put(e.getKey(), d);
    }
    return (down ? Health.down() : Health.up()).withDetails(details).build();
  }
}
