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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One shared upstream ({@link IndexUpstream}) per watched (target, window) in this instance,
 * however many clients watch it: it reads the figures once, then again after each relevant change,
 * at most {@code maxUpdatesPerSecond} times a second, and hands the latest to every watcher. A
 * target nobody watches costs nothing: its upstream ends shortly after its last watcher leaves.
 */
@Component
class IndexStreams {

  private static final Logger log = LoggerFactory.getLogger(IndexStreams.class);

  private record Key(Scope target, WindowSpec window) {}

  private final ChangeRelay relay;
  private final IndexQueryService index;
  private final DealerInsight insight;
  private final StreamProperties properties;
  private final Function<Versioned<LiveFigures>, byte[]> encode;
  private final Map<Key, IndexUpstream> shared = new ConcurrentHashMap<>();

  IndexStreams(
      ChangeRelay relay,
      RelayWatchdog watchdog,
      IndexQueryService index,
      DealerInsight insight,
      StreamFrames frames,
      StreamProperties properties,
      MeterRegistry meters) {
    this.relay = relay;
    this.index = index;
    this.insight = insight;
    this.properties = properties;
    this.encode = frames::update;
    // One subscription for all upstreams: a recovery asks each for a fresh snapshot.
    watchdog.recoveries().subscribe(r -> shared.values().forEach(IndexUpstream::recovered));
    Gauge.builder("pulse.stream.upstreams", shared, Map::size)
        .description("Shared index upstreams open in this instance")
        .register(meters);
  }

  /** Adds {@code watcher} to the target's upstream, opening it if none is open. */
  IndexUpstream watch(Scope target, WindowSpec window, IndexUpstream.Watcher watcher) {
    Key key = new Key(target, window);
    for (; ; ) {
      IndexUpstream upstream = shared.computeIfAbsent(key, this::open);
      if (upstream.join(watcher)) {
        return upstream;
      }
      // It closed between the lookup and the join: open a new one.
      shared.remove(key, upstream);
    }
  }

  boolean watching(Scope target, WindowSpec window) {
    return shared.containsKey(new Key(target, window));
  }

  private IndexUpstream open(Key key) {
    IndexUpstream upstream =
        new IndexUpstream(
            initial -> read(key, initial),
            encode,
            Schedulers.parallel(),
            System::nanoTime,
            properties.minInterval(),
            properties.idleUpstreamGrace(),
            closed -> shared.remove(key, closed));
    // Routed by key, filtered by window here: a change of another window is no reason to read.
    upstream.listening(
        relay.listenFor(
            key.target(),
            c -> {
              if (c.affects(key.window())) {
                upstream.changed();
              }
            }));
    upstream.start();
    return upstream;
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
