package io.pulse.figures;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Dealer;
import io.pulse.api.IndexView;
import io.pulse.api.ScopeRef;
import io.pulse.api.Verdict;
import io.pulse.index.IndexCalculator;
import io.pulse.index.IndexFigures;
import io.pulse.index.NetPromoterScore;
import io.pulse.index.ParameterScore;
import io.pulse.index.Tally;
import io.pulse.network.DealerDirectory;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.window.AggregateScope;
import io.pulse.window.ScopeReading;
import io.pulse.window.WindowSpec;
import io.pulse.window.WindowStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads index figures: a dealer from its own aggregates; a region, a brand, a brand × region and
 * the network as exact sums of brand × region cells (a region has at most one cell per brand, the
 * network about 1,700 cells for 10k dealers).
 */
@Service
public class IndexQueryService {

  private final WindowStore store;
  private final DealerDirectory directory;
  private final IndexCalculator calculator;
  private final Clock clock;
  private final HeldLabels labels;
  private volatile CellIndex cellIndex = new CellIndex(-1, Set.of());

  private record CellIndex(long version, Set<AggregateScope.Cell> cells) {}

  IndexQueryService(
      WindowStore store,
      DealerDirectory directory,
      IndexProperties properties,
      Clock clock,
      HeldLabels labels) {
    this.store = store;
    this.directory = directory;
    this.calculator = new IndexCalculator(properties.settings());
    this.clock = clock;
    this.labels = labels;
  }

  public WindowSpec window(String name) {
    return store
        .layout()
        .byName(name)
        .orElseThrow(() ->
            new InvalidInputException(
                "Unknown window.",
                List.of(new FieldViolation("window", "must be one of " + store.layout().names()))));
  }

  public Mono<IndexView> dealer(String dealerId, WindowSpec window) {
    return dealerAgainstRegion(dealerId, window, regionId -> Mono.empty()).map(LiveFigures::index);
  }

  /**
   * A dealer's figures with its strengths and weak points against its region, both from the exact
   * tallies (rounded only for display), so the stream, the REST API and the analytics agree. {@code
   * regionOf} gives the region's reading: a caller serving many of its dealers may share one.
   * Without it the figures still come, with no verdicts.
   */
  public Mono<LiveFigures> dealerAgainstRegion(
      String dealerId, WindowSpec window, Function<String, Mono<ScopeReading>> regionOf) {
    return directory
        .dealer(dealerId)
        .flatMap(found -> {
          Dealer d =
              found.orElseThrow(() -> new NotFoundException("No dealer with id " + dealerId));
          ScopeRef ref = new ScopeRef("dealer", d.id(), d.name(), d.brandId(), d.regionId());
          return read(new AggregateScope.Dealer(d.id()), window)
              .flatMap(reading -> {
                IndexView view = view(ref, window, reading);
                Tally tally = reading.tally(window);
                return Mono.defer(() -> regionOf.apply(d.regionId()))
                    .map(region -> verdicts(d.id(), window, tally, region.tally(window)))
                    .onErrorResume(e -> Mono.just(List.of()))
                    .defaultIfEmpty(List.of())
                    .map(verdicts -> new LiveFigures(view, verdicts));
              });
        });
  }

  /**
   * A dealer's parameters against its region's: the verdict (labels held with hysteresis), the
   * numbers and the sentence.
   */
  private List<Verdict> verdicts(String dealerId, WindowSpec window, Tally dealer, Tally region) {
    return labels.compare(dealerId, window.name(), dealer, region, BenchmarkKind.REGION).stream()
        .map(c ->
            new Verdict(
                c.parameter().name(),
                IndexView.round(c.benchmark()),
                IndexView.round(c.delta()),
                c.verdict(),
                c.rank(),
                Map.of("en", c.sentence("en"), "ru", c.sentence("ru"))))
        .toList();
  }

  public Mono<IndexView> region(String regionId, WindowSpec window) {
    var region =
        directory
            .region(regionId)
            .orElseThrow(() -> new NotFoundException("No region with id " + regionId));
    return sum(cells(c -> c.regionId().equals(regionId)), window)
        .map(r -> view(new ScopeRef("region", regionId, region.name(), null, regionId), window, r));
  }

  public Mono<IndexView> brand(String brandId, WindowSpec window) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    return sum(cells(c -> c.brandId().equals(brandId)), window)
        .map(r -> view(new ScopeRef("brand", brandId, brand.name(), brandId, null), window, r));
  }

  public Mono<IndexView> brandRegion(String brandId, String regionId, WindowSpec window) {
    return sum(List.of(requireCell(brandId, regionId)), window)
        .map(r -> view(new ScopeRef("brand-region", null, null, brandId, regionId), window, r));
  }

  public Mono<IndexView> network(WindowSpec window) {
    return sum(cells(c -> true), window)
        .map(r -> view(new ScopeRef("network", null, null, null, null), window, r));
  }

  /**
   * The brand × region cell, if the network has it: a brand with no dealer in a region has no cell,
   * and asking for one is a 404 (both ids may exist on their own).
   */
  public AggregateScope.Cell requireCell(String brandId, String regionId) {
    directory
        .brand(brandId)
        .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    directory
        .region(regionId)
        .orElseThrow(() -> new NotFoundException("No region with id " + regionId));
    AggregateScope.Cell cell = new AggregateScope.Cell(brandId, regionId);
    if (!cellIndex().cells().contains(cell)) {
      throw new NotFoundException(
          "Brand " + brandId + " has no dealers in region " + regionId + ".");
    }
    return cell;
  }

  /** Reads one window of one scope. */
  public Mono<ScopeReading> read(AggregateScope scope, WindowSpec window) {
    return read(scope, List.of(window));
  }

  /**
   * Reads some windows of one scope. A read never writes: a scope Redis does not have reads as
   * empty. Bringing it back is the writers' job (ingest rebuilds a scope it finds missing, the
   * reconciler every scope that is behind PostgreSQL, a full rebuild an emptied Redis), so no
   * request, however hostile its ids, can create a key, a cell or a schedule entry, or publish a
   * change.
   */
  public Mono<ScopeReading> read(AggregateScope scope, List<WindowSpec> windows) {
    return store.read(scope, windows).map(r -> r.orElseGet(ScopeReading::empty));
  }

  /** Every window of one dealer. */
  public Mono<ScopeReading> dealerReading(String dealerId) {
    return read(new AggregateScope.Dealer(dealerId), store.layout().windows());
  }

  /** Every window of a region (optionally of one brand in it): a sum of cells. */
  public Mono<ScopeReading> regionReading(String regionId) {
    return sum(cells(c -> c.regionId().equals(regionId)), store.layout().windows());
  }

  /** Every window of a brand. */
  public Mono<ScopeReading> brandReading(String brandId) {
    return sum(cells(c -> c.brandId().equals(brandId)), store.layout().windows());
  }

  /** Every window of one brand in one region (one cell); 404 if the brand has none there. */
  public Mono<ScopeReading> brandRegionReading(String brandId, String regionId) {
    return Mono.defer(() -> read(requireCell(brandId, regionId), store.layout().windows()));
  }

  /** Every window of the whole network. */
  public Mono<ScopeReading> networkReading() {
    return sum(cells(c -> true), store.layout().windows());
  }

  private Mono<ScopeReading> sum(Collection<AggregateScope.Cell> cells, WindowSpec window) {
    return sum(cells, List.of(window));
  }

  private Mono<ScopeReading> sum(Collection<AggregateScope.Cell> cells, List<WindowSpec> windows) {
    return Flux.fromIterable(cells)
        .flatMap(c -> read(c, windows), 64)
        .reduce(ScopeReading.empty(), ScopeReading::plus);
  }

  private List<AggregateScope.Cell> cells(Predicate<AggregateScope.Cell> filter) {
    return cellIndex().cells().stream().filter(filter).toList();
  }

  private CellIndex cellIndex() {
    CellIndex index = cellIndex;
    long version = directory.version();
    if (index.version() != version) {
      Set<AggregateScope.Cell> cells =
          directory.dealers().stream()
              .map(d -> new AggregateScope.Cell(d.brandId(), d.regionId()))
              .collect(Collectors.toUnmodifiableSet());
      index = new CellIndex(version, cells);
      cellIndex = index;
    }
    return index;
  }

  private IndexView view(ScopeRef ref, WindowSpec window, ScopeReading reading) {
    IndexFigures f = calculator.figures(reading.tally(window));
    NetPromoterScore n = f.nps();
    return new IndexView(
        ref,
        window.name(),
        clock.instant(),
        reading.lastAcceptedAt(),
        f.responses(),
        f.lowSample(),
        IndexView.round(f.csi()),
        IndexView.round(f.csiInterval().low()),
        IndexView.round(f.csiInterval().high()),
        new IndexView.Nps(
            n.answers(),
            n.promoters(),
            n.passives(),
            n.detractors(),
            IndexView.round(n.score()),
            IndexView.round(n.marginOfError()),
            IndexView.round(n.low()),
            IndexView.round(n.high())),
        f.parameters().stream().map(IndexQueryService::parameter).toList(),
        f.stageResponses(),
        IndexView.round4(f.perfectShare()),
        IndexView.round4(f.straightLinedShare()));
  }

  private static IndexView.ParameterView parameter(ParameterScore s) {
    return new IndexView.ParameterView(
        s.parameter().name(),
        s.parameter().label("en"),
        s.answers(),
        IndexView.round(s.mean()),
        IndexView.round(s.sd()));
  }

  /** For callers that hold a reading already (e.g. streams). */
  public Map<String, Object> describe() {
    return Map.of(
        "windows",
        store.layout().windows().stream()
            .map(w ->
                Map.of(
                    "name",
                    w.name(),
                    "length",
                    w.length().toString(),
                    "bucket",
                    w.bucket().toString()))
            .toList());
  }
}
