package io.pulse.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.RelayRejections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The safety net behind "an acknowledged event is never lost": periodically compares each dealer's
 * last sequence number in PostgreSQL with the high-water marks in Redis, and catches up any scope
 * that is behind (an instance died between storing and counting, or Redis was away). Also notices a
 * Redis that lost everything and starts a full rebuild.
 *
 * <p>Cost per run: one query over the dealer counters, one small Redis read per dealer and per cell
 * (about 12k reads for 10k dealers), and work only for scopes that are behind. One instance runs
 * each period's pass, whichever takes its {@link PassLease} first.
 */
@Component
public class AggregateReconciler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AggregateReconciler.class);

  /** What a reconcile pass found and fixed, and on how many scopes it failed. */
  public record Report(
      int dealersChecked,
      int scopesCaughtUp,
      int scopesRebuilt,
      long gapsSkipped,
      int scopesFailed) {}

  private final EventHistory history;
  private final WindowStore store;
  private final Aggregates aggregates;
  private final FullRebuild fullRebuild;
  private final WindowProperties properties;
  private final BackgroundLoops loops;
  private final RelayRejections rejections;
  private final PassLease passLease;
  private final Counter caughtUp;
  private volatile Disposable runs = () -> {};
  private volatile boolean running;

  AggregateReconciler(
      EventHistory history,
      WindowStore store,
      Aggregates aggregates,
      FullRebuild fullRebuild,
      WindowProperties properties,
      BackgroundLoops loops,
      RelayRejections rejections,
      PassLease passLease,
      MeterRegistry meters) {
    this.passLease = passLease;
    this.history = history;
    this.store = store;
    this.aggregates = aggregates;
    this.fullRebuild = fullRebuild;
    this.properties = properties;
    this.loops = loops;
    this.rejections = rejections;
    this.caughtUp =
        Counter.builder("pulse.aggregates.caught.up")
            .description("Scopes the reconciler found behind PostgreSQL and caught up")
            .register(meters);
  }

  /**
   * The periodic pass: run by whichever instance takes the period's lease first, skipped by the
   * others (an empty report). The lease is a little shorter than the period, so the next period's
   * pass is never held up by this one's.
   */
  Mono<Report> periodicPass() {
    Duration lease = properties.reconcileInterval().multipliedBy(9).dividedBy(10);
    return passLease
        .take("reconciler", lease)
        .flatMap(taken -> taken ? reconcile() : Mono.just(new Report(0, 0, 0, 0, 0)));
  }

  /** One pass over all dealers and cells. */
  public Mono<Report> reconcile() {
    return fullRebuild
        .startIfRedisIsEmpty()
        .flatMap(started ->
            started
                // The full rebuild covers every scope; a pass now would only race it.
                ? Mono.just(new Report(0, 0, 0, 0, 0))
                : checkAll());
  }

  private Mono<Report> checkAll() {
    return history
        .progress()
        .collectList()
        .flatMap(dealers -> {
          Map<AggregateScope.Cell, List<EventHistory.DealerProgress>> cells = new HashMap<>();
          for (EventHistory.DealerProgress d : dealers) {
            cells.computeIfAbsent(d.cell(), c -> new ArrayList<>()).add(d);
          }
          // Each scope on its own: one that fails is counted and skipped, the pass goes on.
          Flux<ScopeOutcome> dealerChecks =
              Flux.fromIterable(dealers)
                  .filter(d -> d.lastSeq() > 0)
                  .flatMap(
                      d -> isolated("d:" + d.dealerId(), Mono.defer(() -> checkDealer(d))), 64);
          Flux<ScopeOutcome> cellChecks =
              Flux.fromIterable(cells.entrySet())
                  .filter(e -> e.getValue().stream().anyMatch(d -> d.lastSeq() > 0))
                  .flatMap(
                      e ->
                          isolated(
                              e.getKey().tag(),
                              Mono.defer(() -> checkCell(e.getKey(), e.getValue()))),
                      64);
          return Flux.concat(dealerChecks, cellChecks)
              .reduce(
                  new Report(dealers.size(), 0, 0, 0, 0),
                  (r, o) ->
                      new Report(
                          r.dealersChecked(),
                          r.scopesCaughtUp() + (o == ScopeOutcome.CAUGHT_UP ? 1 : 0),
                          r.scopesRebuilt() + (o == ScopeOutcome.REBUILT ? 1 : 0),
                          r.gapsSkipped() + (o == ScopeOutcome.GAPS_SKIPPED ? 1 : 0),
                          r.scopesFailed() + (o == ScopeOutcome.FAILED ? 1 : 0)));
        });
  }

  private Mono<ScopeOutcome> isolated(String tag, Mono<ScopeOutcome> check) {
    return check.onErrorResume(e -> {
      rejections.reject("reconciler", "scope-failed", tag, e);
      return Mono.just(ScopeOutcome.FAILED);
    });
  }

  private enum ScopeOutcome {
    IN_STEP,
    CAUGHT_UP,
    GAPS_SKIPPED,
    REBUILT,
    FAILED
  }

  private Mono<ScopeOutcome> checkDealer(EventHistory.DealerProgress d) {
    AggregateScope scope = new AggregateScope.Dealer(d.dealerId());
    return store
        .meta(scope)
        .flatMap(meta -> {
          if (meta.isEmpty()) {
            return aggregates.rebuild(scope).thenReturn(ScopeOutcome.REBUILT);
          }
          long hw = Long.parseLong(meta.getOrDefault("hw", "0"));
          return hw >= d.lastSeq()
              ? Mono.just(ScopeOutcome.IN_STEP)
              : catchUp(scope, Map.of(d.dealerId(), hw), Map.of(d.dealerId(), d.lastSeq()));
        });
  }

  private Mono<ScopeOutcome> checkCell(
      AggregateScope.Cell cell, List<EventHistory.DealerProgress> members) {
    return store
        .meta(cell)
        .flatMap(meta -> {
          Set<String> memberIds = new HashSet<>();
          members.forEach(m -> memberIds.add(m.dealerId()));
          boolean strangers =
              meta.keySet().stream()
                  .anyMatch(k -> k.startsWith("hw:") && !memberIds.contains(k.substring(3)));
          if (meta.isEmpty() || strangers) {
            // Missing, or still counting a dealer that moved away: rebuild from PostgreSQL.
            return aggregates.rebuild(cell).thenReturn(ScopeOutcome.REBUILT);
          }
          Map<String, Long> marks = new HashMap<>();
          Map<String, Long> targets = new HashMap<>();
          for (EventHistory.DealerProgress m : members) {
            long hw = Long.parseLong(meta.getOrDefault("hw:" + m.dealerId(), "0"));
            if (hw < m.lastSeq()) {
              marks.put(m.dealerId(), hw);
              targets.put(m.dealerId(), m.lastSeq());
            }
          }
          return marks.isEmpty() ? Mono.just(ScopeOutcome.IN_STEP) : catchUp(cell, marks, targets);
        });
  }

  /**
   * Applies what the scope missed, then marks as done the numbers PostgreSQL consumed without
   * storing an event, so the high-water mark can move past them.
   */
  private Mono<ScopeOutcome> catchUp(
      AggregateScope scope, Map<String, Long> marks, Map<String, Long> targets) {
    Map<String, Set<Long>> seen = new HashMap<>();
    return history
        .after(marks)
        .filter(e -> e.seq() <= targets.get(e.dealerId()))
        .doOnNext(e -> seen.computeIfAbsent(e.dealerId(), k -> new HashSet<>()).add(e.seq()))
        .buffer(500)
        .concatMap(chunk -> aggregates.applyTo(scope, chunk))
        .then(
            Flux.fromIterable(marks.entrySet())
                .concatMap(m -> {
                  List<Long> gaps = new ArrayList<>();
                  Set<Long> present = seen.getOrDefault(m.getKey(), Set.of());
                  for (long s = m.getValue() + 1; s <= targets.get(m.getKey()); s++) {
                    if (!present.contains(s)) {
                      gaps.add(s);
                    }
                  }
                  return gaps.isEmpty()
                      ? Mono.just(0L)
                      : aggregates.skipGaps(scope, m.getKey(), gaps).thenReturn((long) gaps.size());
                })
                .reduce(0L, Long::sum))
        .map(gaps -> {
          caughtUp.increment();
          log.info("Caught up {} with PostgreSQL ({} missing numbers skipped)", scope.tag(), gaps);
          return gaps > 0 ? ScopeOutcome.GAPS_SKIPPED : ScopeOutcome.CAUGHT_UP;
        });
  }

  @Override
  public void start() {
    running = true;
    if (!properties.background()) {
      return;
    }
    // A pass that failed on some scopes fails as a whole for the loop's health, after doing
    // every other scope.
    Disposable passes =
        loops
            .every(
                "reconciler",
                Duration.ofSeconds(2),
                properties.reconcileInterval(),
                () ->
                    periodicPass()
                        .flatMap(r ->
                            r.scopesFailed() == 0
                                ? Mono.just(r)
                                : Mono.error(
                                    new IllegalStateException(
                                        r.scopesFailed() + " scopes could not be reconciled"))))
            .subscribe();
    Disposable readyChecks =
        loops
            .every("ready-check", properties.readyCheckInterval(), fullRebuild::startIfRedisIsEmpty)
            .subscribe();
    runs = Disposables.composite(passes, readyChecks);
  }

  @Override
  public void stop() {
    runs.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
