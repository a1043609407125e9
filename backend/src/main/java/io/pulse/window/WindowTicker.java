package io.pulse.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.RelayRejections;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Slides windows as time passes. Scopes are woken through a schedule (sorted sets keyed by the next
 * time a scope has work), so a tick touches only scopes with a bucket to seal or expire: its cost
 * follows the buckets that change, not the number of dealers. Several instances may tick at once;
 * claims with a lease split the work and survive a crashed instance.
 */
@Component
public class WindowTicker implements SmartLifecycle {

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
  private final BackgroundLoops loops;
  private final RelayRejections rejections;
  private final AtomicLong lagMillis = new AtomicLong();
  private final Counter advanced;
  private volatile Disposable ticking = () -> {};
  private volatile boolean running;

  WindowTicker(
      WindowStore store,
      Aggregates aggregates,
      Clock clock,
      WindowProperties properties,
      BackgroundLoops loops,
      RelayRejections rejections,
      MeterRegistry meters) {
    this.store = store;
    this.aggregates = aggregates;
    this.clock = clock;
    this.properties = properties;
    this.loops = loops;
    this.rejections = rejections;
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
    // Each shard on its own: one that fails does not keep the others from sliding; the tick
    // still reports the failure afterwards, so the loop's health shows it.
    AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
    return measureLag(shards, now)
        .onErrorResume(e -> Mono.fromRunnable(() -> failed.set(e)))
        .thenMany(Flux.fromIterable(shards))
        .concatMap(shard ->
            drain(shard, now, lease)
                .onErrorResume(e -> {
                  failed.compareAndSet(null, e);
                  return Mono.empty();
                }))
        .reduce(new TickReport(0, 0), TickReport::plus)
        .flatMap(report -> {
          Throwable e = failed.get();
          return e == null ? Mono.just(report) : Mono.error(e);
        });
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
        .flatMap(tags -> {
          if (tags.isEmpty()) {
            return Mono.just(new TickReport(0, 0));
          }
          Map<String, Long> next = new ConcurrentHashMap<>();
          AtomicInteger changed = new AtomicInteger();
          AtomicInteger slid = new AtomicInteger();
          return Flux.fromIterable(tags)
              .flatMap(tag -> advance(tag, now, next, changed, slid), 32)
              .then(
                  Mono.defer(() -> {
                    advanced.increment(slid.get());
                    TickReport report = new TickReport(slid.get(), changed.get());
                    Mono<TickReport> more =
                        tags.size() < batch
                            ? Mono.just(report)
                            : drain(shard, now, lease).map(report::plus);
                    return store.release(shard, lease, next).then(more);
                  }));
        });
  }

  /**
   * Slides one claimed scope. Each scope on its own: a tag that is not a scope is dropped from the
   * schedule, and a scope whose slide fails is counted and left leased, so it comes back when its
   * lease ends while the others go on now.
   */
  private Mono<Void> advance(
      String tag, Instant now, Map<String, Long> next, AtomicInteger changed, AtomicInteger slid) {
    AggregateScope scope;
    try {
      scope = AggregateScope.fromTag(tag);
    } catch (IllegalArgumentException e) {
      rejections.reject("ticker", "not-a-scope", tag, e);
      next.put(tag, -1L);
      return Mono.empty();
    }
    return store
        .advance(scope, now)
        .doOnNext(r -> {
          next.put(tag, r.nextDue());
          slid.incrementAndGet();
          if (r.changedWindowMask() != 0) {
            changed.incrementAndGet();
            aggregates.publish(scope, r.changedWindowMask(), now, List.of());
          }
        })
        .onErrorResume(e -> {
          rejections.reject("ticker", "advance-failed", tag, e);
          return Mono.empty();
        })
        .then();
  }

  @Override
  public void start() {
    running = true;
    if (!properties.background()) {
      return;
    }
    ticking = loops.every("ticker", properties.tick(), this::tick).subscribe();
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
