package io.pulse.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.api.Dealer;
import io.pulse.figures.IndexProperties;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.DealerStanding;
import io.pulse.index.FairRanking;
import io.pulse.index.IndexCalculator;
import io.pulse.index.IndexSettings;
import io.pulse.index.Tally;
import io.pulse.network.DealerDirectory;
import io.pulse.stream.ChangeRelay;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.NotFoundException;
import io.pulse.system.RelayRejections;
import io.pulse.window.AggregateScope;
import io.pulse.window.ScopeChange;
import io.pulse.window.ScopeReading;
import io.pulse.window.WindowLayout;
import io.pulse.window.WindowSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * This instance's in-memory standings of the brands it has been asked to rank: per dealer what the
 * fair ranking needs of each window (its {@link DealerStanding} and NPS), per region the CSI its
 * dealers are shrunk towards. A read ranks from memory instead of running one Redis script per
 * dealer (10,000 for a large brand).
 *
 * <p>A read cache only: Redis stays the state, every instance keeps its own copy and rebuilds it
 * from Redis. A brand is loaded on its first read (its dealers' readings pipelined, {@code
 * pulse.analytics.standings.read-concurrency} in flight), or by the loop's first pass after the
 * instance starts if {@code pulse.analytics.standings.preload} is on and kept fresh from the change
 * notifications every instance receives ({@link ChangeRelay}: ingest on any instance and the window
 * ticker's slides): a heard change only marks the dealer or region, and the refresh loop re-reads
 * the marked ones, batched, every {@code refresh-every} (1 s), never per request. Every {@code
 * full-refresh-every} (5 min) it re-reads the whole brand, so a notification lost on the way (a
 * relay resubscribing) is healed; a change of the dealer directory reloads the brand. A brand not
 * read for {@code idle-after} (15 min) is dropped.
 *
 * <p>The loop reports itself as loop {@code standings} of {@link BackgroundLoops} (metrics and
 * health); a dealer or region it cannot read is counted ({@code
 * pulse_relay_rejected_total{relay="standings"}}), kept marked for the next pass and holds the
 * brand's {@code asOf} back, while the others are refreshed.
 */
@Component
class BrandStandings implements SmartLifecycle {

  static final String LOOP = "standings";

  /** One window's figures of one dealer: what its row in a ranking shows. */
  record WindowFigures(DealerStanding standing, @Nullable Double nps) {}

  /** A ranked dealer of a brand, with the figures its row shows. */
  record Row(Dealer dealer, FairRanking.Ranked ranked, @Nullable Double nps) {}

  /**
   * One window's ranking of every dealer of a brand, each shrunk to its own region's CSI with k
   * over the brand's regions; computed from the board's figures as they were at {@code asOf}.
   *
   * @param rows by rank, the unranked (no answers) last
   * @param orders the rows in other orders, each sorted on its first request and kept
   */
  record Table(
      long version,
      Instant asOf,
      FairRanking.Shrinkage shrinkage,
      Map<String, @Nullable Double> regionMeans,
      List<Row> rows,
      Map<String, List<Row>> orders) {

    Table withAsOf(Instant newer) {
      return new Table(version, newer, shrinkage, regionMeans, rows, orders);
    }
  }

  /** The table's rows in the order {@code sort} names: shrunkCsi (rank), csi or responses. */
  List<Row> sorted(Table t, String sort) {
    return switch (sort) {
      case "csi" ->
          t.orders()
              .computeIfAbsent(
                  sort,
                  s ->
                      t.rows().stream()
                          .sorted(
                              Comparator.comparing(
                                  (Row r) -> r.ranked().dealer().csi(),
                                  Comparator.nullsLast(Comparator.reverseOrder())))
                          .toList());
      case "responses" ->
          t.orders()
              .computeIfAbsent(
                  sort,
                  s ->
                      t.rows().stream()
                          .sorted(
                              Comparator.comparingLong((Row r) -> r.ranked().dealer().responses())
                                  .reversed())
                          .toList());
      default -> t.rows();
    };
  }

  private final IndexQueryService index;
  private final DealerDirectory directory;
  private final ChangeRelay relay;
  private final BackgroundLoops loops;
  private final RelayRejections rejections;
  private final AnalyticsProperties.Standings properties;
  private final IndexSettings settings;
  private final IndexCalculator calculator;
  private final WindowLayout layout;
  private final Clock clock;
  private final double defaultK;
  private final Map<String, Board> boards = new ConcurrentHashMap<>();
  private final Map<String, Board> loading = new ConcurrentHashMap<>();
  private final Map<String, Mono<Board>> loads = new ConcurrentHashMap<>();
  private final Map<String, Board> byDealer = new ConcurrentHashMap<>();
  private final Counter dealerReads;
  private final Counter regionReads;
  private final Timer loadTimer;
  private final Timer refreshTimer;
  private volatile Runnable listening = () -> {};
  private volatile Disposable refreshing = () -> {};
  private volatile boolean running;
  private volatile boolean preloaded;

  BrandStandings(
      IndexQueryService index,
      DealerDirectory directory,
      ChangeRelay relay,
      BackgroundLoops loops,
      RelayRejections rejections,
      AnalyticsProperties properties,
      IndexProperties indexProperties,
      WindowLayout layout,
      Clock clock,
      MeterRegistry meters) {
    this.index = index;
    this.directory = directory;
    this.relay = relay;
    this.loops = loops;
    this.rejections = rejections;
    this.properties = properties.standings();
    this.settings = indexProperties.settings();
    this.calculator = new IndexCalculator(settings);
    this.layout = layout;
    this.clock = clock;
    this.defaultK = properties.shrinkageK();
    Gauge.builder("pulse.standings.brands", boards, Map::size)
        .description("Brands whose dealer standings this instance holds in memory")
        .register(meters);
    Gauge.builder("pulse.standings.dealers", byDealer, Map::size)
        .description("Dealers whose standings this instance holds in memory")
        .register(meters);
    Gauge.builder("pulse.standings.age", this, BrandStandings::oldestAgeSeconds)
        .description(
            "Seconds since the stalest brand in memory last had every change heard applied")
        .baseUnit("seconds")
        .register(meters);
    this.dealerReads =
        Counter.builder("pulse.standings.reads")
            .description("Scopes the standings re-read from Redis")
            .tag("scope", "dealer")
            .register(meters);
    this.regionReads =
        Counter.builder("pulse.standings.reads")
            .description("Scopes the standings re-read from Redis")
            .tag("scope", "region")
            .register(meters);
    this.loadTimer =
        Timer.builder("pulse.standings.load")
            .description("Loading a brand's standings on its first read")
            .register(meters);
    this.refreshTimer =
        Timer.builder("pulse.standings.refresh")
            .description("One pass of the standings refresh over every brand in memory")
            .register(meters);
  }

  // ---------------------------------------------------------------- reads

  /**
   * The brand's ranking of one window, from memory; the brand is loaded first if this instance does
   * not hold it yet. A table computed at the last refresh is answered as it is (its {@code asOf}
   * says how fresh it is); only a window never asked for before is computed here.
   */
  Mono<Table> table(String brandId, WindowSpec window) {
    return board(brandId)
        .flatMap(b -> {
          Table t = b.tables.get(window.name());
          if (t != null) {
            return Mono.just(t);
          }
          return Mono.fromCallable(
                  () -> {
                    Table computed = compute(b, window);
                    b.tables.putIfAbsent(window.name(), computed);
                    return computed;
                  })
              .subscribeOn(Schedulers.parallel());
        });
  }

  private Mono<Board> board(String brandId) {
    Board b = boards.get(brandId);
    if (b != null) {
      b.lastReadNanos = System.nanoTime();
      return Mono.just(b);
    }
    if (directory.brand(brandId).isEmpty()) {
      return Mono.error(new NotFoundException("No brand with id " + brandId));
    }
    return loads.computeIfAbsent(
        brandId,
        id ->
            load(id)
                .doFinally(s -> loads.remove(id))
                // Shared by every reader who comes while it loads.
                .cache());
  }

  /**
   * Loads a brand (or reloads it, the old board serving meanwhile): registers its dealers and
   * regions first, so that a change heard while the readings are under way is applied by the next
   * refresh, then reads every dealer and region, then puts the board in service.
   */
  private Mono<Board> load(String brandId) {
    return Mono.defer(() -> {
      long started = System.nanoTime();
      Board b = new Board(brandId, directory.version(), members(brandId), clock.instant());
      loading.put(brandId, b);
      b.members.forEach(d -> byDealer.put(d.id(), b));
      return Mono.when(
              Flux.fromIterable(b.members)
                  .flatMap(
                      d -> readDealer(d.id()).doOnNext(f -> b.dealers.put(d.id(), f)),
                      properties.readConcurrency())
                  .then(),
              Flux.fromIterable(b.regionIds())
                  .flatMap(r -> readRegion(r).doOnNext(f -> b.regions.put(r, f)), 16)
                  .then())
          .then(
              Mono.fromCallable(() -> {
                b.version.incrementAndGet();
                b.lastReadNanos = System.nanoTime();
                Board previous = boards.put(brandId, b);
                loading.remove(brandId, b);
                if (previous != null) {
                  forget(previous);
                }
                loadTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return b;
              }))
          .doOnError(e -> {
            // A half-loaded board is not kept: the next read (or pass) loads it anew.
            loading.remove(brandId, b);
            forget(b);
            Board serving = boards.get(brandId);
            if (serving != null) {
              serving.members.forEach(d -> byDealer.putIfAbsent(d.id(), serving));
            }
          });
    });
  }

  /**
   * The brand's dealers, by region and id, so that a ranking's ties fall the same way each time.
   */
  private List<Dealer> members(String brandId) {
    return directory.dealers().stream()
        .filter(d -> d.brandId().equals(brandId))
        .sorted(Comparator.comparing(Dealer::regionId).thenComparing(Dealer::id))
        .toList();
  }

  private void forget(Board b) {
    b.members.forEach(d -> byDealer.remove(d.id(), b));
  }

  private Mono<List<WindowFigures>> readDealer(String dealerId) {
    return index
        .dealerReading(dealerId)
        .map(r -> figures(dealerId, r))
        .doOnNext(f -> dealerReads.increment());
  }

  private List<WindowFigures> figures(String dealerId, ScopeReading reading) {
    List<WindowFigures> out = new ArrayList<>(layout.size());
    for (WindowSpec w : layout.windows()) {
      Tally tally = reading.tally(w);
      out.add(
          new WindowFigures(
              DealerStanding.of(dealerId, tally, settings), IndexCalculator.nps(tally).score()));
    }
    return List.copyOf(out);
  }

  /** A region's CSI (all brands) per window, by window index; null where it has no answers. */
  private Mono<List<@Nullable Double>> readRegion(String regionId) {
    return index
        .regionReading(regionId)
        .map(r -> {
          @Nullable Double[] csi = new Double[layout.size()];
          for (WindowSpec w : layout.windows()) {
            csi[w.index()] = calculator.figures(r.tally(w)).csi();
          }
          regionReads.increment();
          return Collections.unmodifiableList(Arrays.asList(csi));
        });
  }

  private Table compute(Board b, WindowSpec window) {
    long version = b.version.get();
    Instant asOf = b.asOf;
    Map<String, List<DealerStanding>> byRegion = new LinkedHashMap<>();
    Map<String, Dealer> dealers = new HashMap<>();
    Map<String, @Nullable Double> nps = new HashMap<>();
    for (Dealer d : b.members) {
      List<WindowFigures> f = b.dealers.get(d.id());
      if (f == null) {
        continue;
      }
      WindowFigures w = f.get(window.index());
      byRegion.computeIfAbsent(d.regionId(), r -> new ArrayList<>()).add(w.standing());
      dealers.put(d.id(), d);
      nps.put(d.id(), w.nps());
    }
    Map<String, @Nullable Double> means = new LinkedHashMap<>();
    for (String r : byRegion.keySet()) {
      List<@Nullable Double> csi = b.regions.get(r);
      means.put(r, csi == null ? null : csi.get(window.index()));
    }
    FairRanking.Shrinkage k = FairRanking.shrinkage(byRegion.values(), defaultK);
    List<Row> rows = new ArrayList<>(dealers.size());
    for (FairRanking.Ranked r : FairRanking.rankAcross(byRegion, means, k)) {
      String id = r.dealer().dealerId();
      rows.add(new Row(dealers.get(id), r, nps.get(id)));
    }
    return new Table(
        version,
        asOf,
        k,
        Collections.unmodifiableMap(means),
        Collections.unmodifiableList(rows),
        new ConcurrentHashMap<>());
  }

  // ---------------------------------------------------------------- keeping fresh

  /** Marks what a heard change makes stale. Runs on the pub/sub thread: only marks. */
  void heard(ScopeChange change) {
    switch (change.scope()) {
      case AggregateScope.Dealer d -> {
        Board b = byDealer.get(d.dealerId());
        if (b != null) {
          b.staleDealers.add(d.dealerId());
        }
      }
      case AggregateScope.Cell c -> {
        // A region's CSI is over every brand's cell in it, so any brand's change moves it.
        markRegion(boards, c.regionId());
        markRegion(loading, c.regionId());
      }
    }
  }

  private static void markRegion(Map<String, Board> boards, String regionId) {
    for (Board b : boards.values()) {
      if (b.regionIds().contains(regionId)) {
        b.staleRegions.add(regionId);
      }
    }
  }

  /**
   * One pass over every brand in memory: drops the idle ones, reloads those whose dealers changed
   * in the directory, re-reads the marked dealers and regions of the others (all of them when the
   * full refresh is due) and recomputes the rankings asked for.
   */
  Mono<Integer> refresh() {
    long started = System.nanoTime();
    // Each brand on its own: one that fails does not keep the others fresh; the pass still fails
    // afterwards, so the loop's metrics and health show it.
    AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
    return preload(failed)
        .thenMany(Flux.defer(() -> Flux.fromIterable(List.copyOf(boards.values()))))
        .concatMap(b ->
            Mono.defer(() -> refresh(b))
                .onErrorResume(e -> {
                  failed.compareAndSet(null, e);
                  rejections.reject(LOOP, "brand-refresh-failed", b.brandId, e);
                  return Mono.empty();
                }))
        .reduce(0, Integer::sum)
        .flatMap(n -> {
          refreshTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
          Throwable e = failed.get();
          return e == null ? Mono.just(n) : Mono.error(e);
        });
  }

  /**
   * The first pass once the directory is loaded preloads every brand, so that the reads after a
   * restart do not each wait for a load.
   */
  private Mono<Void> preload(AtomicReference<@Nullable Throwable> failed) {
    if (!properties.preload() || preloaded) {
      return Mono.empty();
    }
    Collection<Dealer> all = directory.dealers();
    if (all.isEmpty()) {
      return Mono.empty();
    }
    preloaded = true;
    return preload(all.stream().map(Dealer::brandId).distinct().sorted().toList())
        .doOnNext(e -> failed.compareAndSet(null, e))
        .then();
  }

  /**
   * Loads the brands not in memory yet, one after the other (each one's reads pipelined). A brand
   * that fails to load is counted ({@code reason="preload-failed"}) and left to its first read.
   *
   * @return the errors of the brands that failed, so that the pass can fail after the others
   */
  Flux<Throwable> preload(Collection<String> brandIds) {
    return Flux.fromIterable(brandIds)
        .filter(id -> !boards.containsKey(id))
        .concatMap(id ->
            board(id)
                .then(Mono.<Throwable>empty())
                .onErrorResume(e -> {
                  rejections.reject(LOOP, "preload-failed", id, e);
                  return Mono.just(e);
                }));
  }

  private Mono<Integer> refresh(Board b) {
    if (System.nanoTime() - b.lastReadNanos > properties.idleAfter().toNanos()) {
      if (boards.remove(b.brandId, b)) {
        forget(b);
      }
      return Mono.just(0);
    }
    long directoryVersion = directory.version();
    if (b.directoryVersion != directoryVersion && !members(b.brandId).equals(b.members)) {
      // A dealer joined, left or moved: read the brand anew (rare; the old board serves
      // meanwhile).
      return load(b.brandId)
          .map(fresh -> fresh.members.size())
          .onErrorResume(e -> {
            rejections.reject(LOOP, "reload-failed", b.brandId, e);
            return Mono.just(0);
          });
    }
    b.directoryVersion = directoryVersion;
    Instant passStarted = clock.instant();
    if (passStarted.isAfter(b.fullRefreshDue)) {
      b.members.forEach(d -> b.staleDealers.add(d.id()));
      b.staleRegions.addAll(b.regionIds());
      b.fullRefreshDue = passStarted.plus(properties.fullRefreshEvery());
    }
    List<String> dealers = drain(b.staleDealers);
    List<String> regions = drain(b.staleRegions);
    AtomicBoolean failed = new AtomicBoolean();
    return Mono.when(
            Flux.fromIterable(dealers)
                .flatMap(
                    id ->
                        readDealer(id)
                            .doOnNext(f -> b.dealers.put(id, f))
                            .onErrorResume(e -> {
                              failed.set(true);
                              b.staleDealers.add(id);
                              rejections.reject(LOOP, "dealer-read-failed", id, e);
                              return Mono.empty();
                            }),
                    properties.readConcurrency())
                .then(),
            Flux.fromIterable(regions)
                .flatMap(
                    r ->
                        readRegion(r)
                            .doOnNext(f -> b.regions.put(r, f))
                            .onErrorResume(e -> {
                              failed.set(true);
                              b.staleRegions.add(r);
                              rejections.reject(LOOP, "region-read-failed", r, e);
                              return Mono.empty();
                            }),
                    16)
                .then())
        .then(
            Mono.fromCallable(() -> {
              if (!failed.get()) {
                // Everything heard before the pass began is in now.
                b.asOf = passStarted;
              }
              if (!dealers.isEmpty() || !regions.isEmpty()) {
                b.version.incrementAndGet();
              }
              // The rankings asked for are recomputed here, in the background, so that reads only
              // look them up; one whose figures did not change only learns the new asOf.
              for (String name : List.copyOf(b.tables.keySet())) {
                Table t = b.tables.get(name);
                if (t == null || t.version() != b.version.get()) {
                  layout.byName(name).ifPresent(w -> b.tables.put(name, compute(b, w)));
                } else if (!t.asOf().equals(b.asOf)) {
                  b.tables.put(name, t.withAsOf(b.asOf));
                }
              }
              return dealers.size() + regions.size();
            }));
  }

  private static List<String> drain(Set<String> marked) {
    List<String> out = new ArrayList<>();
    for (String id : List.copyOf(marked)) {
      if (marked.remove(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private double oldestAgeSeconds() {
    Instant now = clock.instant();
    double oldest = 0;
    for (Board b : boards.values()) {
      oldest = Math.max(oldest, (now.toEpochMilli() - b.asOf.toEpochMilli()) / 1000.0);
    }
    return oldest;
  }

  @Override
  public void start() {
    running = true;
    listening = relay.listen(this::heard);
    refreshing = loops.every(LOOP, properties.refreshEvery(), this::refresh).subscribe();
  }

  @Override
  public void stop() {
    refreshing.dispose();
    listening.run();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * One brand in memory. The figures maps are replaced entry by entry (each entry immutable), so a
   * ranking computed while a refresh writes sees each dealer whole, old or new.
   */
  private final class Board {
    final String brandId;
    volatile long directoryVersion;
    final List<Dealer> members;
    final Map<String, List<WindowFigures>> dealers = new ConcurrentHashMap<>();
    final Map<String, List<@Nullable Double>> regions = new ConcurrentHashMap<>();
    final Set<String> staleDealers = ConcurrentHashMap.newKeySet();
    final Set<String> staleRegions = ConcurrentHashMap.newKeySet();
    final Map<String, Table> tables = new ConcurrentHashMap<>();
    final AtomicLong version = new AtomicLong();
    private final Set<String> regionIds;
    volatile Instant asOf;
    volatile Instant fullRefreshDue;
    volatile long lastReadNanos = System.nanoTime();

    Board(String brandId, long directoryVersion, List<Dealer> members, Instant loadStarted) {
      this.brandId = brandId;
      this.directoryVersion = directoryVersion;
      this.members = members;
      this.regionIds =
          Collections.unmodifiableSet(
              new LinkedHashSet<>(members.stream().map(Dealer::regionId).toList()));
      this.asOf = loadStarted;
      this.fullRefreshDue = loadStarted.plus(properties.fullRefreshEvery());
    }

    Set<String> regionIds() {
      return regionIds;
    }
  }
}
