package io.pulse.analytics;

import io.pulse.api.Analytics.BenchmarkRef;
import io.pulse.api.Analytics.BrandDealerRow;
import io.pulse.api.Analytics.BrandRanking;
import io.pulse.api.Analytics.BrandSegments;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.DealerRow;
import io.pulse.api.Analytics.DriverReport;
import io.pulse.api.Analytics.FlaggedDealer;
import io.pulse.api.Analytics.IntegrityReport;
import io.pulse.api.Analytics.Named;
import io.pulse.api.Analytics.ParameterRow;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Analytics.RegionRow;
import io.pulse.api.Analytics.RegionSegments;
import io.pulse.api.Analytics.SegmentRow;
import io.pulse.api.Analytics.StageRow;
import io.pulse.api.BenchmarkKind;
import io.pulse.api.Dealer;
import io.pulse.api.IntegrityFlag;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.api.Segment;
import io.pulse.figures.HeldLabels;
import io.pulse.figures.IndexProperties;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.CsiInterval;
import io.pulse.index.DealerStanding;
import io.pulse.index.FairRanking;
import io.pulse.index.IndexCalculator;
import io.pulse.index.IndexSettings;
import io.pulse.index.IntegrityCheck;
import io.pulse.index.KeyDrivers;
import io.pulse.index.NetPromoterScore;
import io.pulse.index.ParameterComparison;
import io.pulse.index.ParameterScore;
import io.pulse.index.Segmentation;
import io.pulse.index.Tally;
import io.pulse.network.DealerDirectory;
import io.pulse.system.NotFoundException;
import io.pulse.window.ScopeReading;
import io.pulse.window.WindowLayout;
import io.pulse.window.WindowSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Feeds the analytics formulas of {@code io.pulse.index} with live tallies and stored answers. */
@Service
class AnalyticsService {

  private final IndexQueryService index;
  private final DealerDirectory directory;
  private final AnalyticsRepository repository;
  private final IndexSettings settings;
  private final IndexCalculator calculator;
  private final AnalyticsProperties properties;
  private final WindowLayout layout;
  private final Clock clock;
  private final HeldLabels labels;
  private final BrandStandings standings;

  AnalyticsService(
      IndexQueryService index,
      DealerDirectory directory,
      AnalyticsRepository repository,
      IndexProperties indexProperties,
      AnalyticsProperties properties,
      WindowLayout layout,
      Clock clock,
      HeldLabels labels,
      BrandStandings standings) {
    this.index = index;
    this.directory = directory;
    this.repository = repository;
    this.settings = indexProperties.settings();
    this.calculator = new IndexCalculator(settings);
    this.properties = properties;
    this.layout = layout;
    this.clock = clock;
    this.labels = labels;
    this.standings = standings;
  }

  WindowSpec window(@Nullable String name) {
    return index.window(name == null ? properties.defaultWindow() : name);
  }

  private WindowSpec week() {
    return layout.byName("7d").orElse(layout.windows().get(Math.max(0, layout.size() - 2)));
  }

  private WindowSpec hour() {
    return layout.windows().getFirst();
  }

  // ---------------------------------------------------------------- dealer manager

  Mono<DealerAnalysis> dealer(
      String dealerId, WindowSpec window, BenchmarkKind kind, String language) {
    return directory
        .dealer(dealerId)
        .flatMap(found -> {
          Dealer d =
              found.orElseThrow(() -> new NotFoundException("No dealer with id " + dealerId));
          Mono<ScopeReading> benchmark = benchmarkReading(d, kind);
          Mono<ScopeReading> region =
              kind == BenchmarkKind.REGION ? benchmark : index.regionReading(d.regionId());
          Instant now = clock.instant();
          return Mono.zip(
                  index.dealerReading(d.id()),
                  benchmark,
                  region,
                  repository.stageTallies(d.id(), layout.firstCounted(window, now)),
                  integrityEvidence(List.of(d.id())))
              .map(t ->
                  dealerAnalysis(
                      d, window, kind, language, t.getT1(), t.getT2(), t.getT3(), t.getT4(),
                      t.getT5()));
        });
  }

  private DealerAnalysis dealerAnalysis(
      Dealer d,
      WindowSpec window,
      BenchmarkKind kind,
      String language,
      ScopeReading dealer,
      ScopeReading benchmark,
      ScopeReading region,
      Map<JourneyStage, Tally> stages,
      IntegrityEvidence evidence) {
    Tally tally = dealer.tally(window);
    List<ParameterRow> parameters = new ArrayList<>();
    for (ParameterComparison c :
        labels.compare(d.id(), window.name(), tally, benchmark.tally(window), kind)) {
      parameters.add(
          new ParameterRow(
              c.parameter().name(),
              c.parameter().label(language),
              round(c.score()),
              c.answers(),
              round(c.benchmark()),
              round(c.delta()),
              c.significant(),
              c.verdict(),
              c.rank(),
              c.sentence(language)));
    }
    List<StageRow> stageRows = new ArrayList<>();
    for (JourneyStage s : JourneyStage.values()) {
      Tally st = stages.getOrDefault(s, Tally.empty());
      stageRows.add(
          new StageRow(
              s,
              st.responses(),
              round(calculator.figures(st).csi()),
              st.responses() < settings.lowSampleResponses()));
    }
    CsiInterval ci = CsiInterval.of(tally, settings);
    List<IntegrityFlag> flags =
        IntegrityCheck.check(
            dealer.tally(layout.longest()),
            dealer.tally(hour()),
            region.tally(layout.longest()),
            evidence.repeats(d.id()),
            evidence.usualThisHour(d.id()),
            language);
    BenchmarkRef ref = benchmarkRef(d, kind);
    return new DealerAnalysis(
        new Named(d.id(), d.name()),
        window.name(),
        language,
        ref,
        tally.responses(),
        tally.responses() < settings.lowSampleResponses(),
        round(ci.csi()),
        round(ci.low()),
        round(ci.high()),
        Segmentation.trend(
            CsiInterval.of(dealer.tally(layout.longest()), settings),
            CsiInterval.of(dealer.tally(week()), settings),
            dealer.tally(week()).responses()),
        parameters,
        stageRows,
        flags);
  }

  // ---------------------------------------------------------------- brand executive

  Mono<RegionComparison> regions(String brandId, WindowSpec window) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    Map<String, Long> dealersPerRegion = new TreeMap<>();
    for (Dealer d : directory.dealers()) {
      if (d.brandId().equals(brandId)) {
        dealersPerRegion.merge(d.regionId(), 1L, Long::sum);
      }
    }
    return Flux.fromIterable(dealersPerRegion.entrySet())
        .flatMap(
            e ->
                index
                    .brandRegionReading(brandId, e.getKey())
                    .map(r -> regionRow(e.getKey(), e.getValue(), r.tally(window))),
            32)
        .collectList()
        .zipWith(index.brandReading(brandId))
        .map(t -> {
          List<RegionRow> rows = new ArrayList<>(t.getT1());
          rows.sort(
              Comparator.comparing(
                      (RegionRow r) -> r.csi() == null ? Double.NEGATIVE_INFINITY : r.csi())
                  .reversed());
          return new RegionComparison(
              new Named(brandId, brand.name()),
              window.name(),
              round(calculator.figures(t.getT2().tally(window)).csi()),
              rows);
        });
  }

  private RegionRow regionRow(String regionId, long dealers, Tally tally) {
    CsiInterval ci = CsiInterval.of(tally, settings);
    NetPromoterScore nps = IndexCalculator.nps(tally);
    return new RegionRow(
        new Named(regionId, directory.region(regionId).map(r -> r.name()).orElse(null)),
        tally.responses(),
        tally.responses() < settings.lowSampleResponses(),
        round(ci.csi()),
        round(ci.low()),
        round(ci.high()),
        round(nps.score()),
        round(nps.marginOfError()),
        dealers);
  }

  /**
   * A region's dealers ranked fairly. Of one brand: from the brand's standings in memory (the
   * brand's ranking, its rows in the region ranked among themselves: the same shrunk CSIs). Of
   * every brand (admins only): read from Redis, a region is a few dozen dealers.
   */
  Mono<DealerRanking> ranking(
      String regionId, @Nullable String brandId, WindowSpec window, String sort) {
    var region =
        directory
            .region(regionId)
            .orElseThrow(() -> new NotFoundException("No region with id " + regionId));
    if (brandId != null) {
      index.requireCell(brandId, regionId);
      return standings
          .table(brandId, window)
          .map(t -> {
            List<DealerRow> rows = new ArrayList<>();
            int rank = 0;
            for (BrandStandings.Row row : t.rows()) {
              if (row.dealer().regionId().equals(regionId)) {
                Integer r = row.ranked().rank() == null ? null : ++rank;
                rows.add(dealerRow(row.dealer(), row.ranked(), r, row.nps()));
              }
            }
            return regionRanking(
                region.name(),
                regionId,
                brandId,
                window,
                sort,
                t.regionMeans().get(regionId),
                t.shrinkage(),
                rows);
          });
    }
    List<Dealer> dealers =
        directory.dealers().stream().filter(d -> d.regionId().equals(regionId)).toList();
    return Mono.zip(
            readDealers(dealers), index.regionReading(regionId), shrinkage(null, regionId, window))
        .map(t -> {
          Map<String, ScopeReading> readings = t.getT1();
          List<DealerStanding> standings = new ArrayList<>();
          for (Dealer d : dealers) {
            standings.add(DealerStanding.of(d.id(), readings.get(d.id()).tally(window), settings));
          }
          FairRanking.Result r =
              FairRanking.rank(
                  standings, calculator.figures(t.getT2().tally(window)).csi(), t.getT3());
          Map<String, Dealer> byId = new HashMap<>();
          dealers.forEach(d -> byId.put(d.id(), d));
          List<DealerRow> rows = new ArrayList<>();
          for (FairRanking.Ranked ranked : r.dealers()) {
            Dealer d = byId.get(ranked.dealer().dealerId());
            Tally own = readings.get(d.id()).tally(window);
            rows.add(dealerRow(d, ranked, ranked.rank(), IndexCalculator.nps(own).score()));
          }
          return regionRanking(
              region.name(),
              regionId,
              null,
              window,
              sort,
              r.regionMean(),
              new FairRanking.Shrinkage(r.k(), r.kEstimated()),
              rows);
        });
  }

  private DealerRow dealerRow(
      Dealer d, FairRanking.Ranked ranked, @Nullable Integer rank, @Nullable Double nps) {
    DealerStanding s = ranked.dealer();
    return new DealerRow(
        new Named(d.id(), d.name()),
        d.brandId(),
        rank,
        round(s.csi()),
        round(ranked.shrunkCsi()),
        Math.round(ranked.weight() * 1000) / 1000.0,
        s.responses(),
        s.responses() < settings.lowSampleResponses(),
        round(nps));
  }

  private static DealerRanking regionRanking(
      @Nullable String regionName,
      String regionId,
      @Nullable String brandId,
      WindowSpec window,
      String sort,
      @Nullable Double regionMean,
      FairRanking.Shrinkage k,
      List<DealerRow> rows) {
    Comparator<DealerRow> order =
        switch (sort) {
          case "csi" ->
              Comparator.comparing(
                      (DealerRow x) -> x.csi() == null ? Double.NEGATIVE_INFINITY : x.csi())
                  .reversed();
          case "responses" -> Comparator.comparingLong(DealerRow::responses).reversed();
          default ->
              Comparator.comparing(
                  DealerRow::rank, Comparator.nullsLast(Comparator.naturalOrder()));
        };
    rows.sort(order);
    return new DealerRanking(
        new Named(regionId, regionName),
        brandId,
        window.name(),
        sort,
        round(regionMean),
        round(k.k()),
        k.estimated(),
        rows);
  }

  /**
   * Every dealer of a brand ranked fairly (each shrunk to its own region's CSI, k over the brand's
   * regions), a page of it: from the brand's standings in memory, as of {@code asOf}.
   */
  Mono<BrandRanking> brandRanking(
      String brandId, WindowSpec window, String sort, int offset, int limit) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    return standings
        .table(brandId, window)
        .map(t -> {
          List<BrandStandings.Row> ordered = standings.sorted(t, sort);
          int from = Math.min(offset, ordered.size());
          int to = (int) Math.min((long) from + limit, ordered.size());
          List<BrandDealerRow> rows = new ArrayList<>(to - from);
          for (BrandStandings.Row row : ordered.subList(from, to)) {
            Dealer d = row.dealer();
            FairRanking.Ranked r = row.ranked();
            DealerStanding s = r.dealer();
            rows.add(
                new BrandDealerRow(
                    new Named(d.id(), d.name()),
                    d.regionId(),
                    r.rank(),
                    round(s.csi()),
                    round(r.shrunkCsi()),
                    Math.round(r.weight() * 1000) / 1000.0,
                    s.responses(),
                    s.responses() < settings.lowSampleResponses(),
                    round(row.nps())));
          }
          Map<String, @Nullable Double> means = new TreeMap<>();
          t.regionMeans().forEach((r, m) -> means.put(r, round(m)));
          return new BrandRanking(
              new Named(brandId, brand.name()),
              window.name(),
              sort,
              t.asOf(),
              round(t.shrinkage().k()),
              t.shrinkage().estimated(),
              means,
              ordered.size(),
              from,
              rows);
        });
  }

  Mono<BrandSegments> segments(String brandId, @Nullable String regionId, String language) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    WindowSpec month = layout.longest();
    Map<String, List<Dealer>> byRegion = dealersByRegion(brandId, regionId);
    return Mono.zip(readBrand(byRegion), shrinkage(brandId, null, month))
        .map(t -> {
          List<RegionSegments> regions = new ArrayList<>();
          byRegion.forEach((region, dealers) ->
              regions.add(regionSegments(region, dealers, month, language, t.getT1(), t.getT2())));
          Map<Segment, Long> counts = new EnumMap<>(Segment.class);
          for (Segment s : Segment.values()) {
            counts.put(s, 0L);
          }
          regions.forEach(r -> r.counts().forEach((s, n) -> counts.merge(s, n, Long::sum)));
          return new BrandSegments(new Named(brandId, brand.name()), month.name(), counts, regions);
        });
  }

  private RegionSegments regionSegments(
      String regionId,
      List<Dealer> dealers,
      WindowSpec month,
      String language,
      BrandRead read,
      FairRanking.Shrinkage shrinkage) {
    Map<String, ScopeReading> readings = read.dealers();
    Tally regionMonth = read.regions().get(regionId).tally(month);
    Map<String, List<IntegrityFlag>> flags = flags(dealers, regionId, read, language);
    List<DealerStanding> standings = new ArrayList<>();
    dealers.forEach(
        d -> standings.add(DealerStanding.of(d.id(), readings.get(d.id()).tally(month), settings)));
    Map<String, Double> shrunk = new HashMap<>();
    FairRanking.rank(standings, calculator.figures(regionMonth).csi(), shrinkage)
        .dealers()
        .forEach(r -> shrunk.put(r.dealer().dealerId(), r.shrunkCsi()));
    List<Segmentation.Input> inputs = new ArrayList<>();
    for (Dealer d : dealers) {
      ScopeReading r = readings.get(d.id());
      inputs.add(
          new Segmentation.Input(
              d.id(),
              r.tally(month),
              r.tally(week()),
              shrunk.get(d.id()),
              !flags.getOrDefault(d.id(), List.of()).isEmpty()));
    }
    Double regionCsi = calculator.figures(regionMonth).csi();
    List<Segmentation.Placement> placements = Segmentation.place(inputs, regionCsi, settings);
    Map<String, Dealer> byId = new HashMap<>();
    dealers.forEach(d -> byId.put(d.id(), d));
    List<SegmentRow> rows = new ArrayList<>();
    for (Segmentation.Placement p : placements) {
      Dealer d = byId.get(p.dealerId());
      rows.add(
          new SegmentRow(
              new Named(d.id(), d.name()),
              p.segment(),
              p.trend(),
              round(p.csi()),
              round(p.csiLow()),
              round(p.csiHigh()),
              round(p.shrunkCsi()),
              round(p.weekCsi()),
              p.responses(),
              flags.getOrDefault(d.id(), List.of()).stream().map(IntegrityFlag::kind).toList()));
    }
    rows.sort(
        Comparator.comparing(
                (SegmentRow r) -> r.shrunkCsi() == null ? Double.NEGATIVE_INFINITY : r.shrunkCsi())
            .reversed());
    return new RegionSegments(
        new Named(regionId, directory.region(regionId).map(r -> r.name()).orElse(null)),
        round(regionCsi),
        Segmentation.counts(placements),
        rows);
  }

  Mono<IntegrityReport> integrity(String brandId, @Nullable String regionId, String language) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    Map<String, List<Dealer>> byRegion = dealersByRegion(brandId, regionId);
    return readBrand(byRegion)
        .map(read -> {
          List<FlaggedDealer> flagged = new ArrayList<>();
          byRegion.forEach((region, dealers) -> {
            Map<String, List<IntegrityFlag>> flags = flags(dealers, region, read, language);
            for (Dealer d : dealers) {
              List<IntegrityFlag> f = flags.getOrDefault(d.id(), List.of());
              if (!f.isEmpty()) {
                flagged.add(
                    new FlaggedDealer(
                        new Named(d.id(), d.name()),
                        new Named(region, directory.region(region).map(r -> r.name()).orElse(null)),
                        read.dealers().get(d.id()).tally(layout.longest()).responses(),
                        f));
              }
            }
          });
          flagged.sort(
              Comparator.comparingDouble((FlaggedDealer f) ->
                      f.flags().stream().mapToDouble(IntegrityFlag::strength).max().orElse(0))
                  .reversed());
          long checked = byRegion.values().stream().mapToLong(List::size).sum();
          return new IntegrityReport(
              new Named(brandId, brand.name()), regionId, language, checked, flagged);
        });
  }

  Mono<DriverReport> drivers(String brandId, @Nullable String regionId) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    WindowSpec month = layout.longest();
    Mono<ScopeReading> scope =
        regionId == null
            ? index.brandReading(brandId)
            : index.brandRegionReading(brandId, regionId);
    return Mono.zip(
            repository.correlations(brandId, regionId, layout.firstCounted(month, clock.instant())),
            scope,
            index.networkReading())
        .map(t -> {
          Tally own = t.getT2().tally(month);
          Tally network = t.getT3().tally(month);
          List<KeyDrivers.Input> inputs = new ArrayList<>();
          for (Parameter p : Parameter.values()) {
            AnalyticsRepository.Correlation c = t.getT1().get(p);
            ParameterScore s = IndexCalculator.score(own, p);
            ParameterScore b = IndexCalculator.score(network, p);
            inputs.add(
                new KeyDrivers.Input(
                    p, c == null ? null : c.r(), c == null ? 0 : c.pairs(), s.mean(), b.mean()));
          }
          return new DriverReport(
              new Named(brandId, brand.name()), regionId, month.name(), KeyDrivers.analyse(inputs));
        });
  }

  // ---------------------------------------------------------------- shared

  /**
   * What the segments and the integrity checks of a brand (or one of its regions) read: every
   * dealer's and region's reading and the checks' evidence from PostgreSQL, read once for all its
   * regions together rather than region after region.
   */
  private record BrandRead(
      Map<String, ScopeReading> dealers,
      Map<String, ScopeReading> regions,
      IntegrityEvidence evidence) {}

  private Mono<BrandRead> readBrand(Map<String, List<Dealer>> byRegion) {
    List<Dealer> all = byRegion.values().stream().flatMap(List::stream).toList();
    return Mono.zip(
            readDealers(all),
            Flux.fromIterable(byRegion.keySet())
                .flatMap(r -> index.regionReading(r).map(reading -> Map.entry(r, reading)), 16)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue),
            integrityEvidence(all.stream().map(Dealer::id).toList()))
        .map(t -> new BrandRead(t.getT1(), t.getT2(), t.getT3()));
  }

  /** Integrity flags of some dealers of one region, by dealer id (only flagged dealers appear). */
  private Map<String, List<IntegrityFlag>> flags(
      List<Dealer> dealers, String regionId, BrandRead read, String language) {
    WindowSpec month = layout.longest();
    Tally region = read.regions().get(regionId).tally(month);
    Map<String, List<IntegrityFlag>> out = new HashMap<>();
    for (Dealer d : dealers) {
      ScopeReading r = read.dealers().get(d.id());
      List<IntegrityFlag> f =
          IntegrityCheck.check(
              r.tally(month),
              r.tally(hour()),
              region,
              read.evidence().repeats(d.id()),
              read.evidence().usualThisHour(d.id()),
              language);
      if (!f.isEmpty()) {
        out.put(d.id(), f);
      }
    }
    return out;
  }

  /** What the integrity checks need from PostgreSQL, for some dealers. */
  private record IntegrityEvidence(
      Map<String, IntegrityCheck.Repeats> repeats, Map<String, Long> atThisHour, long days) {

    IntegrityCheck.Repeats repeats(String dealerId) {
      return repeats.getOrDefault(dealerId, IntegrityCheck.Repeats.NONE);
    }

    /** Mean answers per day in this hour of the day. */
    double usualThisHour(String dealerId) {
      return atThisHour.getOrDefault(dealerId, 0L) / (double) days;
    }
  }

  private Mono<IntegrityEvidence> integrityEvidence(List<String> dealerIds) {
    Instant now = clock.instant();
    WindowSpec month = layout.longest();
    Instant since = layout.firstCounted(month, now);
    return Mono.zip(
            repository.repeats(dealerIds, since),
            repository.answersAtThisHourOfDay(dealerIds, since, now))
        .map(
            t -> new IntegrityEvidence(t.getT1(), t.getT2(), Math.max(1, month.length().toDays())));
  }

  private Map<String, List<Dealer>> dealersByRegion(String brandId, @Nullable String regionId) {
    if (regionId != null) {
      index.requireCell(brandId, regionId);
    }
    Map<String, List<Dealer>> byRegion = new LinkedHashMap<>();
    directory.dealers().stream()
        .filter(
            d -> d.brandId().equals(brandId) && (regionId == null || d.regionId().equals(regionId)))
        .sorted(Comparator.comparing(Dealer::regionId).thenComparing(Dealer::id))
        .forEach(d -> byRegion.computeIfAbsent(d.regionId(), r -> new ArrayList<>()).add(d));
    return byRegion;
  }

  Mono<Map<String, ScopeReading>> readDealers(List<Dealer> dealers) {
    return Flux.fromIterable(dealers)
        .flatMap(d -> index.dealerReading(d.id()).map(r -> Map.entry(d.id(), r)), 64)
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /**
   * The k to shrink a ranking with: estimated over the brand's dealers in all its regions (each
   * region's spread around its own mean), or, for a region's dealers of every brand, over those
   * dealers brand by brand. One brand × region cell alone rarely has the dealers to estimate it.
   */
  Mono<FairRanking.Shrinkage> shrinkage(
      @Nullable String brandId, @Nullable String regionId, WindowSpec window) {
    if (brandId != null) {
      return standings.table(brandId, window).map(BrandStandings.Table::shrinkage);
    }
    List<Dealer> pool =
        directory.dealers().stream().filter(d -> d.regionId().equals(regionId)).toList();
    return readDealers(pool)
        .map(readings -> {
          Map<String, List<DealerStanding>> groups = new HashMap<>();
          for (Dealer d : pool) {
            groups
                .computeIfAbsent(d.brandId(), g -> new ArrayList<>())
                .add(DealerStanding.of(d.id(), readings.get(d.id()).tally(window), settings));
          }
          return FairRanking.shrinkage(groups.values(), properties.shrinkageK());
        });
  }

  /** The benchmark a dealer is compared with, named. */
  BenchmarkRef benchmarkRef(Dealer d, BenchmarkKind kind) {
    return switch (kind) {
      case REGION ->
          new BenchmarkRef(
              kind, d.regionId(), directory.region(d.regionId()).map(r -> r.name()).orElse(null));
      case BRAND ->
          new BenchmarkRef(
              kind, d.brandId(), directory.brand(d.brandId()).map(b -> b.name()).orElse(null));
      case NETWORK -> new BenchmarkRef(kind, null, null);
    };
  }

  /** The reading a dealer is compared with. */
  Mono<ScopeReading> benchmarkReading(Dealer d, BenchmarkKind kind) {
    return switch (kind) {
      case REGION -> index.regionReading(d.regionId());
      case BRAND -> index.brandReading(d.brandId());
      case NETWORK -> index.networkReading();
    };
  }

  static @Nullable Double round(@Nullable Double d) {
    return d == null ? null : Math.round(d * 100) / 100.0;
  }
}
