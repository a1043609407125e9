package io.pulse.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.IndexView;
import io.pulse.api.Scope;
import io.pulse.figures.IndexQueryService;
import io.pulse.figures.LiveFigures;
import io.pulse.system.NotFoundException;
import io.pulse.window.WindowSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One shared upstream per watched (target, window) in this instance, however many clients watch it:
 * it reads the figures once, then again after each relevant change, at most {@code
 * maxUpdatesPerSecond} times a second, and hands the latest to every subscriber. A target nobody
 * watches costs nothing: its upstream ends shortly after its last subscriber leaves.
 */
@Component
class IndexStreams {

  private static final Logger log = LoggerFactory.getLogger(IndexStreams.class);
  private static final Object INITIAL = new Object();

  private record Key(Scope target, WindowSpec window) {}

  /** Figures as read, and whether the read was a resync after the live path recovered. */
  private record Reading(LiveFigures figures, boolean resync) {}

  private final ChangeRelay relay;
  private final RelayWatchdog watchdog;
  private final IndexQueryService index;
  private final DealerInsight insight;
  private final StreamProperties properties;
  private final Map<Key, Flux<Versioned<LiveFigures>>> shared = new ConcurrentHashMap<>();

  IndexStreams(
      ChangeRelay relay,
      RelayWatchdog watchdog,
      IndexQueryService index,
      DealerInsight insight,
      StreamProperties properties,
      MeterRegistry meters) {
    this.relay = relay;
    this.watchdog = watchdog;
    this.index = index;
    this.insight = insight;
    this.properties = properties;
    Gauge.builder("pulse.stream.upstreams", shared, Map::size)
        .description("Shared index upstreams open in this instance")
        .register(meters);
  }

  Flux<Versioned<LiveFigures>> watch(Scope target, WindowSpec window) {
    return shared.computeIfAbsent(new Key(target, window), this::open);
  }

  boolean watching(Scope target, WindowSpec window) {
    return shared.containsKey(new Key(target, window));
  }

  private Flux<Versioned<LiveFigures>> open(Key key) {
    AtomicLong version = new AtomicLong();
    AtomicReference<Flux<Versioned<LiveFigures>>> self = new AtomicReference<>();
    // Set when the live path recovers; the next read goes out as a fresh snapshot even if its
    // figures equal the last ones sent (the client may have missed changes meanwhile).
    AtomicBoolean resync = new AtomicBoolean();
    Flux<Object> changes =
        Flux.merge(
            relay.changesFor(key.target()).filter(c -> c.affects(key.window())),
            watchdog.recoveries().doOnNext(r -> resync.set(true)));
    Flux<Versioned<LiveFigures>> stream =
        triggers(changes, properties.minInterval(), Schedulers.parallel())
            .concatMap(trigger -> {
              boolean fresh = resync.get();
              // Cleared only by a read that succeeded: a failed one leaves the next read to
              // send the snapshot.
              return read(key, isSnapshot(trigger))
                  .map(f -> new Reading(f, fresh))
                  .doOnNext(r -> {
                    if (fresh) {
                      resync.set(false);
                    }
                  });
            })
            // A change signal does not always change the figures (a rebuild, a slide in another
            // window's bucket): send only what a viewer would see as different.
            .distinctUntilChanged(
                r -> r,
                (previous, next) ->
                    !next.resync()
                        && previous.figures().comparable().equals(next.figures().comparable()))
            .map(r -> new Versioned<>(version.incrementAndGet(), r.figures(), r.resync()))
            .doFinally(signal -> shared.remove(key, self.get()))
            .replay(1)
            .refCount(1, properties.idleUpstreamGrace());
    self.set(stream);
    return stream;
  }

  /**
   * The snapshot read, then the changes at most one per {@code period}. The snapshot does not start
   * the pause: the first change after it goes out at once, not a period later. Changes are
   * subscribed to together with the snapshot, so none between the two is missed.
   */
  static Flux<Object> triggers(Flux<?> changes, Duration period, Scheduler scheduler) {
    return Flux.merge(Flux.just(INITIAL), LatestThrottle.latest(changes, period, scheduler));
  }

  static boolean isSnapshot(Object trigger) {
    return trigger == INITIAL;
  }

  private static Mono<LiveFigures> figures(Mono<IndexView> view) {
    return view.map(LiveFigures::of);
  }

  private Mono<LiveFigures> read(Key key, boolean initial) {
    Mono<LiveFigures> read =
        switch (key.target()) {
          case Scope.Dealer d -> insight.dealer(d.dealerId(), key.window());
          case Scope.Region r -> figures(index.region(r.regionId(), key.window()));
          case Scope.Brand b -> figures(index.brand(b.brandId(), key.window()));
          case Scope.BrandRegion br ->
              figures(index.brandRegion(br.brandId(), br.regionId(), key.window()));
          case Scope.Network n -> figures(index.network(key.window()));
        };
    if (initial) {
      // Without a first snapshot the stream is useless: keep trying (Redis may be restarting).
      return read.retryWhen(
          Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
              .maxBackoff(Duration.ofSeconds(5))
              .filter(e -> !(e instanceof NotFoundException)));
    }
    // A failed re-read skips this update; the next change tries again.
    return read.onErrorResume(e -> {
      log.warn("Reading {} for a stream failed: {}", key.target(), e.toString());
      return Mono.empty();
    });
  }
}
