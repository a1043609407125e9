package io.pulse.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;

/**
 * Slides windows as time passes. Scopes are woken through a schedule (sorted sets keyed by the next
 * time a scope has work), so a tick touches only scopes with a bucket to seal or expire: its cost
 * follows the buckets that change, not the number of dealers. Several instances may tick at once;
 * claims with a lease split the work and survive a crashed instance.
 */
@Component
public class WindowTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WindowTicker.class);

  /** What one tick did. */
  public record TickReport(int scopes, int changed) {
    TickReport plus(TickReport o) {
      return new TickReport(scopes + o.scopes, changed + o.changed);
    }
  }

  private final WindowStore store;
  private final Aggregates aggregates;
  private final Clock clock;
  private final WindowProperties properties;
  private final AtomicLong lagMillis = new AtomicLong();
  private final Counter advanced;
  private volatile Disposable ticking = () -> {};
  private volatile boolean running;

  WindowTicker(
      WindowStore store,
      Aggregates aggregates,
      Clock clock,
      WindowProperties properties,
      MeterRegistry meters) {
    this.store = store;
    this.aggregates = aggregates;
    this.clock = clock;
    this.properties = properties;
    Gauge.builder("pulse.ticker.lag", lagMillis, AtomicLong::get)
        .description("How late the oldest due window slide is, in milliseconds")
        .baseUnit("milliseconds")
        .register(meters);
    this.advanced =
        Counter.builder("pulse.ticker.scopes")
            .description("Scopes whose windows the ticker slid")
            .register(meters);
  }

  /** Slides every scope that is due now. */
  public Mono<TickReport> tick() {
    Instant now = clock.instant();
    long lease = now.plus(properties.claimLease()).toEpochMilli();
    List<String> shards = store.keys().scheduleShards();
    return measureLag(shards, now)
        .thenMany(Flux.fromIterable(shards))
        .concatMap(shard -> drain(shard, now, lease))
        .reduce(new TickReport(0, 0), TickReport::plus);
  }

  private Mono<Void> measureLag(List<String> shards, Instant now) {
    return Flux.fromIterable(shards)
        .flatMap(store::earliestDue)
        .reduce(Double::min)
        .map(earliest -> Math.max(0, now.toEpochMilli() - earliest.longValue()))
        .defaultIfEmpty(0L)
        .doOnNext(lagMillis::set)
        .then();
  }

  private Mono<TickReport> drain(String shard, Instant now, long lease) {
    int batch = properties.claimBatch();
    return store
        .claim(shard, now, lease, batch)
        .flatMap(scopes -> {
          if (scopes.isEmpty()) {
            return Mono.just(new TickReport(0, 0));
          }
          return Flux.fromIterable(scopes)
              .flatMap(s -> store.advance(s, now).map(r -> Tuples.of(s, r)), 32)
              .collectList()
              .flatMap(results -> {
                Map<AggregateScope, Long> next = new LinkedHashMap<>();
                int changed = 0;
                for (var t : results) {
                  next.put(t.getT1(), t.getT2().nextDue());
                  if (t.getT2().changedWindowMask() != 0) {
                    changed++;
                    aggregates.publish(t.getT1(), t.getT2().changedWindowMask(), now, List.of());
                  }
                }
                advanced.increment(results.size());
                TickReport report = new TickReport(results.size(), changed);
                Mono<TickReport> more =
                    scopes.size() < batch
                        ? Mono.just(report)
                        : drain(shard, now, lease).map(report::plus);
                return store.release(shard, lease, next).then(more);
              });
        });
  }

  @Override
  public void start() {
    running = true;
    if (!properties.background()) {
      return;
    }
    ticking = ticks(properties.tick()).subscribe();
  }

  /**
   * Ticks every {@code period}; a tick still running when the next is due makes that one skip (no
   * pile-up), and a failed tick is logged and the next one tries again.
   */
  public Flux<TickReport> ticks(java.time.Duration period) {
    return every(period, this::tick);
  }

  static Flux<TickReport> every(
      java.time.Duration period, java.util.function.Supplier<Mono<TickReport>> tick) {
    return Flux.interval(period, Schedulers.parallel())
        .onBackpressureDrop()
        .concatMap(
            i ->
                tick.get()
                    .onErrorResume(e -> {
                      log.warn("Window tick failed: {}", e.toString());
                      return Mono.empty();
                    }),
            1);
  }

  @Override
  public void stop() {
    ticking.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
