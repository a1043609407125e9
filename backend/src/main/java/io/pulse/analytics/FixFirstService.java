package io.pulse.analytics;

import io.pulse.api.Analytics.BrandFixFirst;
import io.pulse.api.Analytics.BrandFixRow;
import io.pulse.api.Analytics.DealerFixFirst;
import io.pulse.api.Analytics.FixFirstItem;
import io.pulse.api.Analytics.GainModel;
import io.pulse.api.Analytics.Named;
import io.pulse.api.Analytics.StandingRanks;
import io.pulse.api.BenchmarkKind;
import io.pulse.api.Dealer;
import io.pulse.api.Parameter;
import io.pulse.api.StrengthVerdict;
import io.pulse.figures.HeldLabels;
import io.pulse.figures.IndexProperties;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.DealerStanding;
import io.pulse.index.FairRanking;
import io.pulse.index.FixFirst;
import io.pulse.index.IndexCalculator;
import io.pulse.index.IndexSettings;
import io.pulse.index.ParameterComparison;
import io.pulse.index.RecommendModel;
import io.pulse.index.Tally;
import io.pulse.network.DealerDirectory;
import io.pulse.system.NotFoundException;
import io.pulse.window.ScopeReading;
import io.pulse.window.WindowLayout;
import io.pulse.window.WindowSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What to fix first, with the expected gain: per dealer (its parameters below the benchmark by
 * importance × gap, and its rank by shrunk CSI in its region and brand) and per brand (each
 * parameter raised in every dealer below its region). See docs/index-methodology.md, "What to fix
 * first".
 */
@Service
class FixFirstService {

  /** A brand's model and importances change slowly: refitted at most this often. */
  static final Duration MODEL_TTL = Duration.ofMinutes(10);

  /** The brand's model of RECOMMEND and each parameter's importance (correlation with it). */
  record BrandModel(@Nullable RecommendModel model, Map<Parameter, Double> importance) {}

  private final AnalyticsService analytics;
  private final IndexQueryService index;
  private final DealerDirectory directory;
  private final AnalyticsRepository repository;
  private final IndexSettings settings;
  private final WindowLayout layout;
  private final Clock clock;
  private final HeldLabels labels;
  private final BrandStandings standings;
  private final Map<String, Mono<BrandModel>> models = new ConcurrentHashMap<>();
  private final Map<String, Mono<RankTable>> tables = new ConcurrentHashMap<>();
  private final double defaultK;

  FixFirstService(
      AnalyticsService analytics,
      IndexQueryService index,
      DealerDirectory directory,
      AnalyticsRepository repository,
      IndexProperties indexProperties,
      AnalyticsProperties properties,
      WindowLayout layout,
      Clock clock,
      HeldLabels labels,
      BrandStandings standings) {
    this.analytics = analytics;
    this.index = index;
    this.directory = directory;
    this.repository = repository;
    this.settings = indexProperties.settings();
    this.defaultK = properties.shrinkageK();
    this.layout = layout;
    this.clock = clock;
    this.labels = labels;
    this.standings = standings;
  }

  Mono<DealerFixFirst> dealer(
      String dealerId, WindowSpec window, BenchmarkKind kind, String language) {
    return directory
        .dealer(dealerId)
        .flatMap(found -> {
          Dealer d =
              found.orElseThrow(() -> new NotFoundException("No dealer with id " + dealerId));
          return Mono.zip(
                  index.dealerReading(d.id()),
                  analytics.benchmarkReading(d, kind),
                  model(d.brandId()),
                  ranks(d, window))
              .map(t -> {
                Tally tally = t.getT1().tally(window);
                Tally benchmark = t.getT2().tally(window);
                BrandModel m = t.getT3();
                Set<Parameter> weak = EnumSet.noneOf(Parameter.class);
                for (ParameterComparison c :
                    labels.compare(d.id(), window.name(), tally, benchmark, kind)) {
                  if (c.verdict() == StrengthVerdict.WEAK_POINT) {
                    weak.add(c.parameter());
                  }
                }
                List<FixFirstItem> items = new ArrayList<>();
                for (FixFirst.Item i :
                    FixFirst.items(
                        tally, benchmark, kind, m.importance(), weak, m.model(), settings)) {
                  items.add(
                      new FixFirstItem(
                          i.parameter().name(),
                          i.parameter().label(language),
                          i.answers(),
                          round(i.score()),
                          round(i.benchmark()),
                          round(i.gap()),
                          round(i.importance()),
                          i.weakPoint(),
                          round(i.csiGain()),
                          round(i.npsGain()),
                          i.sentence(language)));
                }
                return new DealerFixFirst(
                    new Named(d.id(), d.name()),
                    window.name(),
                    language,
                    analytics.benchmarkRef(d, kind),
                    round(new IndexCalculator(settings).figures(tally).csi()),
                    round(IndexCalculator.nps(tally).score()),
                    items,
                    gainModel(m.model()),
                    t.getT4());
              });
        });
  }

  Mono<BrandFixFirst> brand(String brandId, WindowSpec window, String language) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    List<Dealer> dealers =
        directory.dealers().stream().filter(d -> d.brandId().equals(brandId)).toList();
    List<String> regionIds = dealers.stream().map(Dealer::regionId).distinct().toList();
    return Mono.zip(
            analytics.readDealers(dealers),
            regionReadings(regionIds),
            model(brandId),
            index.brandReading(brandId))
        .map(t -> {
          BrandModel m = t.getT3();
          Map<Parameter, Double> weightedGain = new EnumMap<>(Parameter.class);
          Map<Parameter, Long> below = new EnumMap<>(Parameter.class);
          long responses = 0;
          for (Dealer d : dealers) {
            Tally tally = t.getT1().get(d.id()).tally(window);
            if (tally.responses() == 0) {
              continue;
            }
            responses += tally.responses();
            Tally region = t.getT2().get(d.regionId()).tally(window);
            for (FixFirst.Item i :
                FixFirst.items(
                    tally,
                    region,
                    BenchmarkKind.REGION,
                    m.importance(),
                    Set.of(),
                    m.model(),
                    settings)) {
              weightedGain.merge(i.parameter(), i.csiGain() * tally.responses(), Double::sum);
              below.merge(i.parameter(), 1L, Long::sum);
            }
          }
          List<BrandFixRow> rows = new ArrayList<>();
          for (Map.Entry<Parameter, Double> e : weightedGain.entrySet()) {
            Parameter p = e.getKey();
            // The brand's CSI as its dealers' CSIs weighted by responses: Σ n_d·gain_d / Σ n_d.
            double gain = e.getValue() / responses;
            rows.add(
                new BrandFixRow(
                    p.name(),
                    p.label(language),
                    below.get(p),
                    round(m.importance().get(p)),
                    round(gain),
                    FixFirst.brandSentence(p, below.get(p), gain, language)));
          }
          rows.sort(
              Comparator.comparing(
                      (BrandFixRow r) -> r.brandCsiGain() == null ? 0 : r.brandCsiGain())
                  .reversed());
          return new BrandFixFirst(
              new Named(brandId, brand.name()),
              window.name(),
              language,
              round(new IndexCalculator(settings).figures(t.getT4().tally(window)).csi()),
              rows,
              gainModel(m.model()));
        });
  }

  /**
   * Ranks by shrunk CSI of a set of dealers, by dealer id, and how many dealers the set has. Shared
   * by every cabinet of the set for {@link #RANKS_TTL}: one cabinet's rank reads the whole region
   * and brand, a thousand open cabinets must not each read them.
   */
  record RankTable(Map<String, FairRanking.Ranked> byDealer, int dealers) {

    FairRanking.@Nullable Ranked of(String dealerId) {
      return byDealer.get(dealerId);
    }
  }

  /** How long a region's or brand's rank table is shared. */
  static final Duration RANKS_TTL = Duration.ofSeconds(30);

  /**
   * The dealer's rank by shrunk CSI among its region's dealers of every brand (shrunk to the
   * region's CSI) and among its brand's dealers in every region (each shrunk to its own region's).
   */
  private Mono<StandingRanks> ranks(Dealer dealer, WindowSpec window) {
    return Mono.zip(regionTable(dealer.regionId(), window), brandTable(dealer.brandId(), window))
        .map(t -> {
          FairRanking.@Nullable Ranked inRegion = t.getT1().of(dealer.id());
          FairRanking.@Nullable Ranked inBrand = t.getT2().of(dealer.id());
          return new StandingRanks(
              inRegion == null ? null : round(inRegion.shrunkCsi()),
              inRegion == null ? null : inRegion.rank(),
              t.getT1().dealers(),
              inBrand == null ? null : inBrand.rank(),
              t.getT2().dealers());
        });
  }

  /**
   * The region's dealers of every brand, shrunk to the region's CSI, k over them brand by brand.
   */
  private Mono<RankTable> regionTable(String regionId, WindowSpec window) {
    return tables.computeIfAbsent(
        "r:" + regionId + ":" + window.name(),
        key ->
            Mono.defer(
                    () -> {
                      List<Dealer> dealers =
                          directory.dealers().stream()
                              .filter(d -> d.regionId().equals(regionId))
                              .toList();
                      return Mono.zip(analytics.readDealers(dealers), index.regionReading(regionId))
                          .map(t -> {
                            Map<String, List<DealerStanding>> byBrand = new HashMap<>();
                            for (Dealer d : dealers) {
                              byBrand
                                  .computeIfAbsent(d.brandId(), b -> new ArrayList<>())
                                  .add(standing(d, t.getT1(), window));
                            }
                            List<DealerStanding> all =
                                byBrand.values().stream().flatMap(List::stream).toList();
                            FairRanking.Result r =
                                FairRanking.rank(
                                    all,
                                    new IndexCalculator(settings)
                                        .figures(t.getT2().tally(window))
                                        .csi(),
                                    FairRanking.shrinkage(byBrand.values(), defaultK));
                            return table(r.dealers(), dealers.size());
                          });
                    })
                .cache(x -> RANKS_TTL, e -> Duration.ZERO, () -> Duration.ZERO));
  }

  /**
   * The brand's dealers in every region, each shrunk to its own region's CSI with k over the
   * brand's regions, all ranked together: the brand's ranking from the in-memory standings.
   */
  private Mono<RankTable> brandTable(String brandId, WindowSpec window) {
    return standings
        .table(brandId, window)
        .map(t ->
            table(t.rows().stream().map(BrandStandings.Row::ranked).toList(), t.rows().size()));
  }

  private static RankTable table(List<FairRanking.Ranked> ranked, int dealers) {
    Map<String, FairRanking.Ranked> byDealer = new HashMap<>();
    ranked.forEach(r -> byDealer.put(r.dealer().dealerId(), r));
    return new RankTable(byDealer, dealers);
  }

  private DealerStanding standing(Dealer d, Map<String, ScopeReading> readings, WindowSpec w) {
    return DealerStanding.of(d.id(), readings.get(d.id()).tally(w), settings);
  }

  private List<DealerStanding> standings(
      List<Dealer> dealers, Map<String, ScopeReading> readings, WindowSpec window) {
    return dealers.stream()
        .map(d -> DealerStanding.of(d.id(), readings.get(d.id()).tally(window), settings))
        .toList();
  }

  private Mono<Map<String, ScopeReading>> regionReadings(List<String> regionIds) {
    return Flux.fromIterable(regionIds)
        .flatMap(r -> index.regionReading(r).map(reading -> Map.entry(r, reading)), 16)
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The brand's model over the last 30 days, refitted at most every {@link #MODEL_TTL}. */
  private Mono<BrandModel> model(String brandId) {
    return models.computeIfAbsent(
        brandId,
        b ->
            Mono.defer(
                    () -> {
                      var since = layout.firstCounted(layout.longest(), clock.instant());
                      return Mono.zip(
                          repository.covariances(b, since),
                          repository.correlations(b, null, since));
                    })
                .map(t -> {
                  Map<Parameter, Double> importance = new EnumMap<>(Parameter.class);
                  t.getT2()
                      .forEach((p, c) -> {
                        if (c.r() != null && c.pairs() >= io.pulse.index.KeyDrivers.MIN_PAIRS) {
                          importance.put(p, c.r());
                        }
                      });
                  return new BrandModel(RecommendModel.fit(t.getT1()), importance);
                })
                .cache(x -> MODEL_TTL, e -> Duration.ZERO, () -> Duration.ZERO));
  }

  private static GainModel gainModel(@Nullable RecommendModel m) {
    if (m == null) {
      return new GainModel(false, null, 0, Map.of());
    }
    Map<String, Double> coefficients = new LinkedHashMap<>();
    RecommendModel.PREDICTORS.forEach(p -> coefficients.put(p.name(), round(m.coefficient(p))));
    return new GainModel(true, round(m.rSquared()), m.pairs(), coefficients);
  }

  private static @Nullable Double round(@Nullable Double d) {
    return AnalyticsService.round(d);
  }
}
