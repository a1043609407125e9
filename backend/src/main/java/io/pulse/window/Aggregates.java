package io.pulse.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the Redis aggregates in step with PostgreSQL: applies stored events to their dealer and
 * their brand × region cell, rebuilds a scope from PostgreSQL when Redis does not have it, and
 * catches a scope up with events it missed.
 *
 * <p>Every path is idempotent (events carry per-dealer sequence numbers), so running any of them
 * twice, or on two instances at once, never counts an event twice.
 */
@Component
public class Aggregates {

  private static final Logger log = LoggerFactory.getLogger(Aggregates.class);
  private static final int CATCH_UP_CHUNK = 500;
  private static final int SCOPE_CONCURRENCY = 256;

  private final WindowStore store;
  private final EventHistory history;
  private final ScopeChanges changes;
  private final Clock clock;
  private final WindowLayout layout;
  private final Map<AggregateScope, Mono<Void>> rebuildsInFlight = new ConcurrentHashMap<>();
  private final Counter rebuilds;

  Aggregates(
      WindowStore store,
      EventHistory history,
      ScopeChanges changes,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.history = history;
    this.changes = changes;
    this.clock = clock;
    this.layout = store.layout();
    this.rebuilds =
        Counter.builder("pulse.aggregates.rebuilds")
            .description("Scopes rebuilt from PostgreSQL")
            .register(meters);
  }

  /** Counts stored events in their dealers' and cells' windows. */
  public Mono<Void> apply(Collection<WindowedEvent> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    Map<AggregateScope, List<WindowedEvent>> byScope = new LinkedHashMap<>();
    for (WindowedEvent e : events) {
      byScope.computeIfAbsent(e.dealerScope(), s -> new ArrayList<>()).add(e);
      byScope.computeIfAbsent(e.cellScope(), s -> new ArrayList<>()).add(e);
    }
    Instant now = clock.instant();
    // One schedule call per shard for the whole batch, before any event lands: if this instance
    // dies in between, the ticker still comes for every scope.
    Map<AggregateScope, Long> dues = new LinkedHashMap<>();
    byScope.forEach((scope, list) -> firstDue(list, now).ifPresent(due -> dues.put(scope, due)));
    return store
        .schedule(dues)
        .thenMany(Flux.fromIterable(byScope.entrySet()))
        .flatMap(e -> applyScheduled(e.getKey(), e.getValue(), now, true), SCOPE_CONCURRENCY)
        .then();
  }

  /**
   * Tells every instance's streams that the scopes of these events changed, whether or not this
   * instance changed them: for events counted by another instance that died before it could say so
   * (a retried request finds them counted already, and nothing new would be published).
   */
  public void announce(Collection<WindowedEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Map<AggregateScope, List<WindowedEvent>> byScope = new LinkedHashMap<>();
    for (WindowedEvent e : events) {
      byScope.computeIfAbsent(e.dealerScope(), s -> new ArrayList<>()).add(e);
      byScope.computeIfAbsent(e.cellScope(), s -> new ArrayList<>()).add(e);
    }
    byScope.forEach((scope, list) -> publish(scope, allWindows(), now, list));
  }

  /** Applies events to one scope, rebuilding it first if Redis does not have it. */
  Mono<Void> applyTo(AggregateScope scope, List<WindowedEvent> events) {
    return applyTo(scope, events, true);
  }

  private Mono<Void> applyTo(
      AggregateScope scope, List<WindowedEvent> events, boolean rebuildIfMissing) {
    Instant now = clock.instant();
    OptionalLong due = firstDue(events, now);
    Mono<Void> schedule =
        due.isPresent() ? store.schedule(Map.of(scope, due.getAsLong())) : Mono.empty();
    return schedule.then(applyScheduled(scope, events, now, rebuildIfMissing));
  }

  private Mono<Void> applyScheduled(
      AggregateScope scope, List<WindowedEvent> events, Instant now, boolean rebuildIfMissing) {
    return store
        .apply(scope, now, events)
        .flatMap(result -> {
          if (!result.initialised()) {
            // Redis lost this scope (flush, restart): PostgreSQL has these events already.
            return rebuildIfMissing
                ? rebuild(scope)
                : Mono.error(new IllegalStateException(scope.tag() + " vanished during rebuild"));
          }
          if (result.applied() > 0) {
            publish(scope, allWindows(), now, events);
          }
          return Mono.empty();
        });
  }

  /**
   * Rebuilds one scope from PostgreSQL while ingest may go on: snapshot (events and each dealer's
   * last sequence number in one transaction), replace the scope's state, then apply whatever was
   * stored after the snapshot. Concurrent requests for the same scope share one rebuild.
   */
  public Mono<Void> rebuild(AggregateScope scope) {
    return rebuildsInFlight.computeIfAbsent(
        scope, s -> doRebuild(s).doFinally(signal -> rebuildsInFlight.remove(s)).cache());
  }

  private Mono<Void> doRebuild(AggregateScope scope) {
    Instant now = clock.instant();
    Instant since = now.minus(layout.longest().length()).minus(layout.longest().bucket());
    return history
        .snapshot(scope, since)
        .flatMap(h -> {
          Map<String, Long> marks = new HashMap<>(h.lastSeqs());
          Map<String, Long> highWaterMarks =
              scope instanceof AggregateScope.Dealer d
                  ? Map.of("", marks.getOrDefault(d.dealerId(), 0L))
                  : marks;
          OptionalLong due = firstDue(h.events(), now);
          Mono<Void> schedule =
              due.isPresent() ? store.schedule(Map.of(scope, due.getAsLong())) : Mono.empty();
          return schedule
              .then(store.rebuild(scope, now, highWaterMarks, h.events()))
              .doOnNext(next -> {
                rebuilds.increment();
                publish(scope, allWindows(), now, h.events());
              })
              .then(catchUp(scope, marks));
        })
        .doOnError(e -> log.warn("Rebuilding {} failed: {}", scope.tag(), e.toString()));
  }

  /**
   * Applies to {@code scope} every event stored after the given per-dealer marks, and marks as done
   * any sequence number up to {@code lastSeqs} that PostgreSQL does not have (a number consumed by
   * a batch that lost a race on a duplicate event id).
   */
  Mono<Void> catchUp(AggregateScope scope, Map<String, Long> marks) {
    return history
        .after(marks)
        .buffer(CATCH_UP_CHUNK)
        .concatMap(chunk -> applyTo(scope, chunk, false))
        .then();
  }

  /** Marks sequence numbers as done in a scope without counting anything (see {@link #catchUp}). */
  Mono<Long> skipGaps(AggregateScope scope, String dealerId, List<Long> seqs) {
    return store.markApplied(scope, clock.instant(), dealerId, seqs);
  }

  private OptionalLong firstDue(Collection<WindowedEvent> events, Instant now) {
    return events.stream()
        .map(e -> layout.place(e.occurredAt(), now))
        .flatMap(Optional::stream)
        .mapToLong(b -> layout.firstDue(b, now))
        .min();
  }

  private int allWindows() {
    return (1 << layout.size()) - 1;
  }

  void publish(AggregateScope scope, int mask, Instant now, Collection<WindowedEvent> events) {
    Instant last =
        events.stream().map(WindowedEvent::acceptedAt).max(Instant::compareTo).orElse(null);
    changes.publish(new ScopeChange(scope, mask, now, last));
  }
}
