package io.pulse.window;

import io.pulse.network.DealerMoved;
import io.pulse.network.DealersCreated;
import io.pulse.system.RelayRejections;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds every scope from PostgreSQL: on demand (admin API), and when Redis turns out to be empty
 * (restart without persistence, flush). Ingest goes on meanwhile; each scope's rebuild is exact on
 * its own (see {@link Aggregates#rebuild}), and a scope that is read or written before its turn is
 * rebuilt on the spot. The {@link RebuildPart}s (the history's daily roll-ups) are recomputed after
 * the scopes, each counted as one more scope in the status.
 */
@Component
public class FullRebuild {

  private static final Logger log = LoggerFactory.getLogger(FullRebuild.class);

  /** Progress of the latest full rebuild. */
  public record Status(
      String state,
      int scopesTotal,
      int scopesDone,
      int scopesFailed,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt) {}

  private final EventHistory history;
  private final WindowStore store;
  private final Aggregates aggregates;
  private final ReactiveStringRedisTemplate redis;
  private final AggregateKeys keys;
  private final WindowProperties properties;
  private final Clock clock;
  private final RelayRejections rejections;
  private final ObjectProvider<RebuildPart> parts;
  private final AtomicReference<Status> status =
      new AtomicReference<>(new Status("IDLE", 0, 0, 0, null, null));

  FullRebuild(
      EventHistory history,
      WindowStore store,
      Aggregates aggregates,
      ReactiveStringRedisTemplate redis,
      AggregateKeys keys,
      WindowProperties properties,
      Clock clock,
      RelayRejections rejections,
      ObjectProvider<RebuildPart> parts) {
    this.history = history;
    this.store = store;
    this.aggregates = aggregates;
    this.redis = redis;
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
    this.rejections = rejections;
    this.parts = parts;
  }

  public Status status() {
    return status.get();
  }

  /** Starts a full rebuild in the background unless one is running; returns the status. */
  public Status start() {
    Status current = status.get();
    if (current.state().equals("RUNNING")) {
      return current;
    }
    Status started = new Status("RUNNING", 0, 0, 0, clock.instant(), null);
    if (!status.compareAndSet(current, started)) {
      return status.get();
    }
    run().subscribe();
    return started;
  }

  /**
   * Starts a full rebuild if Redis has no marker of a completed one (it was emptied).
   *
   * @return whether a full rebuild is now running
   */
  public Mono<Boolean> startIfRedisIsEmpty() {
    return redis
        .hasKey(keys.readyMarker())
        .map(present -> {
          if (present) {
            return status.get().state().equals("RUNNING");
          }
          if (!status.get().state().equals("RUNNING")) {
            log.info("Redis has no aggregates marker: rebuilding everything from PostgreSQL");
            start();
          }
          return true;
        });
  }

  /** Runs a full rebuild now and completes when it is done (used by tests and start()). */
  public Mono<Status> run() {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    return history
        .progress()
        .filter(d -> d.lastSeq() > 0)
        .collectList()
        .flatMap(dealers -> {
          Set<AggregateScope> scopes = new LinkedHashSet<>();
          dealers.forEach(d -> scopes.add(d.cell()));
          dealers.forEach(d -> scopes.add(new AggregateScope.Dealer(d.dealerId())));
          List<RebuildPart> extra = parts.orderedStream().toList();
          int total = scopes.size() + extra.size();
          update(total, 0, 0);
          Flux<Void> rebuildParts =
              Flux.fromIterable(extra)
                  .concatMap(part ->
                      part.rebuild()
                          .doOnSuccess(v -> update(total, done.incrementAndGet(), failed.get()))
                          .onErrorResume(e -> {
                            rejections.reject("rebuild", "part-failed", part.name(), e);
                            update(total, done.get(), failed.incrementAndGet());
                            return Mono.empty();
                          }));
          return Flux.fromIterable(scopes)
              .flatMap(
                  scope ->
                      aggregates
                          .rebuild(scope)
                          .doOnSuccess(v -> update(total, done.incrementAndGet(), failed.get()))
                          .onErrorResume(e -> {
                            // One scope on its own: the others are rebuilt, and the marker is
                            // not set, so the next ready check tries again.
                            rejections.reject("rebuild", "scope-failed", scope.tag(), e);
                            update(total, done.get(), failed.incrementAndGet());
                            return Mono.empty();
                          }),
                  properties.rebuildConcurrency())
              .thenMany(rebuildParts)
              .then(
                  Mono.defer(() ->
                      failed.get() == 0
                          ? redis
                              .opsForValue()
                              .set(keys.readyMarker(), clock.instant().toString())
                              .then()
                          : Mono.empty()));
        })
        .then(Mono.fromSupplier(this::finish))
        .onErrorResume(e -> {
          log.warn("Full rebuild failed: {}", e.toString());
          Status s = status.get();
          Status end =
              new Status(
                  "FAILED",
                  s.scopesTotal(),
                  s.scopesDone(),
                  s.scopesFailed(),
                  s.startedAt(),
                  clock.instant());
          status.set(end);
          return Mono.just(end);
        });
  }

  private void update(int total, int done, int failed) {
    status.updateAndGet(s -> new Status("RUNNING", total, done, failed, s.startedAt(), null));
  }

  private Status finish() {
    Status s = status.get();
    Status end =
        new Status(
            s.scopesFailed() == 0 ? "DONE" : "FAILED",
            s.scopesTotal(),
            s.scopesDone(),
            s.scopesFailed(),
            s.startedAt(),
            clock.instant());
    status.set(end);
    log.info(
        "Full rebuild {}: {} scopes, {} failed",
        end.state(),
        end.scopesTotal(),
        end.scopesFailed());
    return end;
  }

  /**
   * New dealers have no events: start their aggregates empty, so their first event does not pay for
   * a rebuild from PostgreSQL (at a 10,000-dealer launch that is 10,000 snapshot queries).
   */
  @EventListener
  void onDealersCreated(DealersCreated created) {
    store
        .initialiseEmpty(
            created.dealerIds().stream().<AggregateScope>map(AggregateScope.Dealer::new).toList())
        .subscribe(
            n -> log.debug("Initialised {} new dealers' aggregates", n),
            e -> log.warn("Initialising new dealers' aggregates failed: {}", e.toString()));
  }

  /** A dealer that changed brand or region leaves one cell and joins another: rebuild both. */
  @EventListener
  void onDealerMoved(DealerMoved moved) {
    Flux.just(
            new AggregateScope.Cell(moved.previousBrandId(), moved.previousRegionId()),
            new AggregateScope.Cell(moved.brandId(), moved.regionId()))
        .concatMap(aggregates::rebuild)
        .subscribe(
            v -> {},
            e ->
                log.warn(
                    "Rebuilding cells after {} moved failed: {}", moved.dealerId(), e.toString()));
  }
}
