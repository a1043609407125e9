package io.pulse.stream;

import io.pulse.figures.IndexQueryService;
import io.pulse.figures.LiveFigures;
import io.pulse.window.AggregateScope;
import io.pulse.window.ScopeReading;
import io.pulse.window.WindowSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A dealer's live figures with its strengths and weak points against its region. The region's
 * reading is shared by all the region's dealers and windows, so it is cached per region, dropped
 * when one of the region's cells changes and at most a few seconds old.
 */
@Component
class DealerInsight {

  /** How stale a region benchmark may be in a live update. */
  static final Duration REGION_TTL = Duration.ofSeconds(5);

  /**
   * A region's reading as read at {@code fetchedAtNanos}. Ages are measured on {@link
   * System#nanoTime()}, not on the domain clock: this bounds a read rate, and a test's fixed clock
   * must not freeze the cache.
   */
  private static final class Cached {
    final Mono<ScopeReading> reading;
    final long fetchedAtNanos;
    volatile boolean changed;

    Cached(Mono<ScopeReading> reading, long fetchedAtNanos) {
      this.reading = reading;
      this.fetchedAtNanos = fetchedAtNanos;
    }

    boolean olderThan(Duration age, long nowNanos) {
      return nowNanos - fetchedAtNanos >= age.toNanos();
    }
  }

  private final IndexQueryService index;
  private final Duration minAge;
  private final Map<String, Cached> regions = new ConcurrentHashMap<>();

  DealerInsight(IndexQueryService index, ChangeRelay relay, StreamProperties properties) {
    this.index = index;
    this.minAge = properties.benchmarkRefresh();
    // A change to one of the region's cells makes its cached reading stale.
    relay.listen(c -> {
      if (c.scope() instanceof AggregateScope.Cell cell) {
        Cached cached = regions.get(cell.regionId());
        if (cached != null) {
          cached.changed = true;
        }
      }
    });
  }

  Mono<LiveFigures> dealer(String dealerId, WindowSpec window) {
    return index.dealerAgainstRegion(dealerId, window, this::region);
  }

  /**
   * The region's reading: re-read when it changed and is at least {@code benchmarkRefresh} old, or
   * when older than {@link #REGION_TTL}; so one region costs at most a few reads a second however
   * many of its dealers update.
   */
  private Mono<ScopeReading> region(String regionId) {
    long now = System.nanoTime();
    Cached c = regions.get(regionId);
    boolean refresh =
        c == null || c.olderThan(REGION_TTL, now) || (c.changed && c.olderThan(minAge, now));
    if (refresh) {
      c = new Cached(Mono.defer(() -> index.regionReading(regionId)).cache(), now);
      regions.put(regionId, c);
    }
    return c.reading;
  }
}
