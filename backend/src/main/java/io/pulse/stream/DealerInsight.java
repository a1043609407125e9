package io.pulse.stream;

import io.pulse.index.BenchmarkKind;
import io.pulse.index.Parameter;
import io.pulse.index.ParameterComparison;
import io.pulse.index.ParameterScore;
import io.pulse.index.StrengthAnalysis;
import io.pulse.index.StrengthVerdict;
import io.pulse.window.AggregateScope;
import io.pulse.window.IndexQueryService;
import io.pulse.window.IndexView;
import io.pulse.window.WindowSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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

  /** One parameter's verdict with the sentence in both languages the UI offers. */
  record Verdict(
      String parameter,
      @Nullable Double benchmark,
      @Nullable Double delta,
      StrengthVerdict verdict,
      int rank,
      Map<String, String> sentence) {}

  private record Cached(Mono<IndexView> view, Instant until) {}

  private final IndexQueryService index;
  private final Clock clock;
  private final Map<String, Cached> regions = new ConcurrentHashMap<>();

  DealerInsight(IndexQueryService index, ChangeRelay relay, Clock clock) {
    this.index = index;
    this.clock = clock;
    // A change to one of the region's cells makes its cached figures stale at once.
    relay
        .changes()
        .subscribe(c -> {
          if (c.scope() instanceof AggregateScope.Cell cell) {
            regions.keySet().removeIf(k -> k.startsWith(cell.regionId() + "/"));
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

  private Mono<IndexView> region(String regionId, WindowSpec window) {
    Instant now = clock.instant();
    String key = regionId + "/" + window.name();
    Cached c = regions.get(key);
    if (c == null || c.until().isBefore(now)) {
      c = new Cached(index.region(regionId, window).cache(), now.plus(REGION_TTL));
      regions.put(key, c);
    }
    return c.view();
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
