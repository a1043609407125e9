package io.pulse.stream;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.IndexView;
import io.pulse.api.Parameter;
import io.pulse.api.Verdict;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.ParameterComparison;
import io.pulse.index.ParameterScore;
import io.pulse.index.StrengthAnalysis;
import io.pulse.window.AggregateScope;
import io.pulse.window.WindowSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Strengths and weak points for a dealer's live stream: each update compares the dealer with its
 * region. Region figures are shared by all the region's dealers, so they are cached per region and
 * window, dropped when one of the region's cells changes and at most a few seconds old.
 */
@Component
class DealerInsight {

  /** How stale a region benchmark may be in a live update. */
  static final Duration REGION_TTL = Duration.ofSeconds(5);

  /**
   * A region's figures as read at {@code fetchedAtNanos}. Ages are measured on {@link
   * System#nanoTime()}, not on the domain clock: this bounds a read rate, and a test's fixed clock
   * must not freeze the cache.
   */
  private static final class Cached {
    final Mono<IndexView> view;
    final long fetchedAtNanos;
    volatile boolean changed;

    Cached(Mono<IndexView> view, long fetchedAtNanos) {
      this.view = view;
      this.fetchedAtNanos = fetchedAtNanos;
    }

    boolean olderThan(Duration age, long nowNanos) {
      return nowNanos - fetchedAtNanos >= age.toNanos();
    }
  }

  private final IndexQueryService index;
  private final Duration minAge;
  private final Map<String, Map<String, Cached>> regions = new ConcurrentHashMap<>();

  DealerInsight(IndexQueryService index, ChangeRelay relay, StreamProperties properties) {
    this.index = index;
    this.minAge = properties.benchmarkRefresh();
    // A change to one of the region's cells makes its cached figures stale.
    relay.listen(c -> {
      if (c.scope() instanceof AggregateScope.Cell cell) {
        Map<String, Cached> windows = regions.get(cell.regionId());
        if (windows != null) {
          windows.values().forEach(w -> w.changed = true);
        }
      }
    });
  }

  Mono<List<Verdict>> verdicts(IndexView dealer, WindowSpec window) {
    String regionId = dealer.scope().regionId();
    if (regionId == null) {
      return Mono.just(List.of());
    }
    return region(regionId, window).map(region -> compare(dealer, region));
  }

  /**
   * The region's figures: re-read when they changed and are at least {@code benchmarkRefresh} old,
   * or when older than {@link #REGION_TTL}; so one region costs at most a few reads a second
   * however many of its dealers update.
   */
  private Mono<IndexView> region(String regionId, WindowSpec window) {
    long now = System.nanoTime();
    Map<String, Cached> windows = regions.computeIfAbsent(regionId, r -> new ConcurrentHashMap<>());
    Cached c = windows.get(window.name());
    boolean refresh =
        c == null || c.olderThan(REGION_TTL, now) || (c.changed && c.olderThan(minAge, now));
    if (refresh) {
      // Deferred: an unknown region is an error signal (the figures then go out unlabelled),
      // not an exception thrown into the dealer's stream.
      c = new Cached(Mono.defer(() -> index.region(regionId, window)).cache(), now);
      windows.put(window.name(), c);
    }
    return c.view;
  }

  static List<Verdict> compare(IndexView dealer, IndexView region) {
    List<ParameterComparison> rows =
        StrengthAnalysis.compare(scores(dealer), scores(region), BenchmarkKind.REGION);
    return rows.stream()
        .map(r ->
            new Verdict(
                r.parameter().name(),
                IndexView.round(r.benchmark()),
                IndexView.round(r.delta()),
                r.verdict(),
                r.rank(),
                Map.of("en", r.sentence("en"), "ru", r.sentence("ru"))))
        .toList();
  }

  private static Map<Parameter, ParameterScore> scores(IndexView view) {
    Map<Parameter, ParameterScore> m = new EnumMap<>(Parameter.class);
    for (IndexView.ParameterView p : view.parameters()) {
      Parameter parameter = Parameter.valueOf(p.parameter());
      m.put(parameter, new ParameterScore(parameter, p.answers(), p.mean(), p.sd()));
    }
    return m;
  }
}
