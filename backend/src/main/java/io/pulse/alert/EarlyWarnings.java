package io.pulse.alert;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.alert.DealerWatchStore.Answer;
import io.pulse.alert.DealerWatchStore.Raised;
import io.pulse.alert.DealerWatchStore.WatchRow;
import io.pulse.api.Alert;
import io.pulse.figures.IndexProperties;
import io.pulse.index.DealerWatch;
import io.pulse.index.EarlyWarning;
import io.pulse.index.WarningDetection;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.RelayRejections;
import io.pulse.window.PassLease;
import io.pulse.window.WindowProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The early-warning loop: every {@code pulse.warnings.interval}, one instance (whichever takes the
 * pass's {@link PassLease}) reads each dealer's answers after the last one its tests saw, advances
 * the tests ({@link EarlyWarning}) and stores, in one transaction per group of dealers, where they
 * stand and the alerts they raised. Off the ingest path: a warning follows its answer by up to one
 * interval.
 *
 * <p>Exactly once: the tests' state and the alerts are committed together, under a row lock per
 * dealer, so a crash before the commit repeats the work and one after it finds nothing left; a
 * second instance that runs anyway waits for the lock and then sees the answers as done. A state
 * that cannot be read back starts afresh and an answer the tests cannot take is skipped, both
 * counted ({@code pulse_relay_rejected_total{relay="early-warning"}}); a failing group is retried
 * next pass and the others go on.
 */
@Component
public class EarlyWarnings implements SmartLifecycle {

  static final String LOOP = "early-warning";

  /** What one pass did. */
  public record Report(int dealers, int answers, int warnings, int groupsFailed) {

    static final Report NONE = new Report(0, 0, 0, 0);

    Report plus(Report o) {
      return new Report(
          dealers + o.dealers,
          answers + o.answers,
          warnings + o.warnings,
          groupsFailed + o.groupsFailed);
    }
  }

  private final DealerWatchStore store;
  private final AlertRepository alerts;
  private final CaseProperties cases;
  private final RaisedAlerts raised;
  private final TransactionalOperator tx;
  private final WarningProperties properties;
  private final WindowProperties windows;
  private final EarlyWarning tests;
  private final PassLease lease;
  private final BackgroundLoops loops;
  private final RelayRejections rejections;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Counter answersSeen;
  private final Counter statesKnown;
  private final Counter statesDecoded;

  /**
   * The tests as this instance last stored them, per dealer: the answer they stand after, the
   * stored text and what it decodes to. A row that still holds that text is not decoded again
   * (reading the JSON was four-tenths of a pass's CPU under steady ingest); any other row (another
   * instance ran, a commit failed, a hand edit) is.
   */
  private final Cache<String, Stored> lastStored;

  private record Stored(long lastSeq, String state, DealerWatch watch) {}

  private volatile Disposable running = () -> {};
  private volatile boolean started;

  EarlyWarnings(
      DealerWatchStore store,
      AlertRepository alerts,
      CaseProperties cases,
      RaisedAlerts raised,
      TransactionalOperator tx,
      WarningProperties properties,
      IndexProperties index,
      WindowProperties windows,
      PassLease lease,
      BackgroundLoops loops,
      RelayRejections rejections,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.alerts = alerts;
    this.cases = cases;
    this.raised = raised;
    this.tx = tx;
    this.properties = properties;
    this.windows = windows;
    this.tests = new EarlyWarning(properties.settings(), index.settings());
    this.lease = lease;
    this.loops = loops;
    this.rejections = rejections;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.answersSeen =
        Counter.builder("pulse.warnings.answers")
            .description("Answers the early-warning tests advanced by")
            .register(meters);
    this.statesKnown = stateReads(meters, "known");
    this.statesDecoded = stateReads(meters, "decoded");
    this.lastStored = Caffeine.newBuilder().maximumSize(properties.dealersPerPass() * 4L).build();
  }

  private static Counter stateReads(MeterRegistry meters, String how) {
    return Counter.builder("pulse.warnings.states")
        .description("Dealer states a pass started from: as this instance stored them, or decoded")
        .tag("read", how)
        .register(meters);
  }

  /** The periodic pass: run by the instance that takes the lease, skipped by the others. */
  Mono<Report> periodicPass() {
    return lease
        .take(LOOP, properties.interval().multipliedBy(9).dividedBy(10))
        .flatMap(taken -> taken ? pass() : Mono.just(Report.NONE));
  }

  /** One pass over every dealer with answers its tests have not seen (up to the pass's bound). */
  public Mono<Report> pass() {
    AtomicLong answers = new AtomicLong();
    return store
        .behind(properties.dealersPerPass())
        .sort()
        .buffer(properties.dealersPerTransaction())
        .concatMap(group ->
            advance(group)
                .onErrorResume(e -> {
                  rejections.reject(LOOP, "group-failed", group.getFirst() + "…", e);
                  return Mono.just(new Report(0, 0, 0, 1));
                }))
        // A long backlog (history loaded in bulk) is worked off over several passes, each well
        // inside the loop's step timeout; the dealers with the fewest new answers go first.
        .takeUntil(r -> answers.addAndGet(r.answers()) >= properties.answersPerPass())
        .reduce(Report.NONE, Report::plus);
  }

  /** One group of dealers in one transaction; then their new alerts go to the live streams. */
  private Mono<Report> advance(List<String> dealerIds) {
    Instant now = clock.instant();
    Instant horizon = now.minus(properties.alertHorizon());
    Mono<Outcome> work =
        store
            .lock(dealerIds)
            .collectList()
            .flatMap(rows ->
                store
                    .answersAfter(dealerIds, properties.answersPerDealer())
                    .collectList()
                    // Up to a few hundred thousand steps of arithmetic: not on an I/O thread.
                    .publishOn(Schedulers.parallel())
                    .map(answers -> run(rows, answers, horizon)))
            .flatMap(
                o -> store.raise(o.raised(), now).then(store.save(o.rows(), now)).thenReturn(o))
            .as(tx::transactional);
    return work.flatMap(o -> {
      o.watches().forEach(lastStored::put);
      answersSeen.increment(o.answers());
      if (o.raised().isEmpty()) {
        return Mono.just(new Report(dealerIds.size(), o.answers(), 0, 0));
      }
      List<UUID> ids = o.raised().stream().map(Raised::eventId).toList();
      return alerts
          .findAll(ids, now.minus(cases.firstContactSla()))
          .collectList()
          .doOnNext(raised::publish)
          // The alerts are stored: a failure to push them only delays them to the next read.
          .onErrorResume(e -> {
            rejections.reject(LOOP, "unpublished", ids.toString(), e);
            return Mono.just(List.of());
          })
          .thenReturn(new Report(dealerIds.size(), o.answers(), o.raised().size(), 0));
    });
  }

  private record Outcome(
      List<WatchRow> rows, Map<String, Stored> watches, List<Raised> raised, int answers) {}

  /** The tests advanced by each dealer's answers, in order: pure computation, no I/O. */
  private Outcome run(List<WatchRow> rows, List<Answer> answers, Instant horizon) {
    Map<String, List<Answer>> byDealer = new HashMap<>();
    answers.forEach(a -> byDealer.computeIfAbsent(a.dealerId(), d -> new ArrayList<>()).add(a));
    List<WatchRow> next = new ArrayList<>();
    Map<String, Stored> watches = new HashMap<>();
    List<Raised> found = new ArrayList<>();
    for (WatchRow row : rows) {
      List<Answer> mine = byDealer.getOrDefault(row.dealerId(), List.of());
      if (mine.isEmpty()) {
        continue;
      }
      DealerWatch watch = decode(row);
      long last = row.lastSeq();
      for (Answer a : mine) {
        last = a.seq();
        EarlyWarning.Step step;
        try {
          step = tests.advance(watch, a.scores());
        } catch (RuntimeException e) {
          rejections.reject(LOOP, "bad-answer", a.dealerId() + "#" + a.seq(), e);
          continue;
        }
        watch = step.watch();
        if (!step.detections().isEmpty()) {
          step.detections()
              .forEach(d ->
                  Counter.builder("pulse.warnings.raised")
                      .description(
                          "Early warnings raised, by kind (history beyond the horizon too)")
                      .tag("kind", d.kind().name())
                      .register(meters)
                      .increment());
          if (a.occurredAt().isAfter(horizon)) {
            found.add(raise(a, step.detections()));
          }
        }
      }
      String state = json.writeValueAsString(watch);
      next.add(new WatchRow(row.dealerId(), last, state));
      watches.put(row.dealerId(), new Stored(last, state, watch));
    }
    return new Outcome(next, watches, found, answers.size());
  }

  private Raised raise(Answer a, List<WarningDetection> detections) {
    List<Alert.Explanation> explanations =
        detections.stream()
            .map(d -> new Alert.Explanation(d.reason(), d.english(), d.russian()))
            .toList();
    return new Raised(
        a.eventId(),
        a.dealerId(),
        detections.stream().map(WarningDetection::reason).toList(),
        json.writeValueAsString(explanations));
  }

  private DealerWatch decode(WatchRow row) {
    if (row.state().equals("{}")) {
      return DealerWatch.fresh();
    }
    Stored known = lastStored.getIfPresent(row.dealerId());
    if (known != null && known.lastSeq() == row.lastSeq() && known.state().equals(row.state())) {
      statesKnown.increment();
      return known.watch();
    }
    statesDecoded.increment();
    try {
      DealerWatch w = json.readValue(row.state(), DealerWatch.class);
      if (w.csi() == null
          || w.csiRun() == null
          || w.detractors() == null
          || w.detractorRun() == null) {
        throw new IllegalStateException("incomplete state");
      }
      return w;
    } catch (RuntimeException e) {
      rejections.reject(LOOP, "bad-state", row.dealerId(), e);
      return DealerWatch.fresh();
    }
  }

  @Override
  public void start() {
    started = true;
    if (!windows.background()) {
      return;
    }
    running =
        loops
            .every(
                LOOP,
                properties.interval(),
                () ->
                    periodicPass()
                        .flatMap(r ->
                            r.groupsFailed() == 0
                                ? Mono.just(r)
                                : Mono.error(
                                    new IllegalStateException(
                                        r.groupsFailed() + " groups of dealers failed"))))
            .subscribe();
  }

  @Override
  public void stop() {
    running.dispose();
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
