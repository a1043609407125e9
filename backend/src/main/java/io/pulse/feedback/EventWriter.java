package io.pulse.feedback;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.window.Aggregates;
import io.pulse.window.WindowedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Stores and counts the events of all ingest requests of this instance together: requests that
 * arrive while a write is in flight share the next one, so PostgreSQL sees one numbered insert and
 * Redis one apply per scope for many requests instead of one per request (see {@link GroupCommit}).
 *
 * <p>Guarantees per request are those of a write of its own: its events are committed in one
 * transaction (all or none), and it hears back only after they are counted, or that counting
 * failed.
 */
@Component
class EventWriter {

  /** A request's events (distinct ids) and their dealers. */
  record Submission(List<FeedbackEvent> events, Map<String, Dealer> dealers) {}

  /**
   * What a submission got.
   *
   * @param stored the submission's events stored by this write (the others were stored before, or
   *     by an earlier submission of the same write)
   * @param countFailure why counting them in Redis failed, if it did (they are stored all the same)
   */
  record Written(Instant receivedAt, List<StoredEvent> stored, @Nullable Throwable countFailure) {}

  private final FeedbackStore store;
  private final Aggregates aggregates;
  private final Clock clock;
  private final GroupCommit<Submission, Written> commit;
  private final AtomicReference<Mono<Void>> lastCount = new AtomicReference<>(Mono.empty());
  private final Timer stores;
  private final Timer counts;
  private final DistributionSummary eventsPerWrite;

  EventWriter(
      FeedbackStore store,
      Aggregates aggregates,
      IngestProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.aggregates = aggregates;
    this.clock = clock;
    this.commit =
        new GroupCommit<>(
            properties.maxEventsPerWrite(),
            properties.concurrentWrites(),
            s -> s.events().size(),
            this::write);
    this.stores = stepTimer(meters, "store");
    this.counts = stepTimer(meters, "count");
    this.eventsPerWrite =
        DistributionSummary.builder("pulse.ingest.write.events")
            .description("Events per group write (requests that arrived together)")
            .register(meters);
    Gauge.builder("pulse.ingest.write.queued", commit, GroupCommit::queuedWeight)
        .description("Events waiting for the next group write")
        .register(meters);
  }

  private static Timer stepTimer(MeterRegistry meters, String step) {
    return Timer.builder("pulse.ingest.writes")
        .description("Steps of the group writes of ingest: store (PostgreSQL), count (Redis)")
        .tag("step", step)
        .publishPercentileHistogram()
        .register(meters);
  }

  /** Stores and counts the events together with whatever else is waiting. */
  Mono<Written> write(List<FeedbackEvent> events, Map<String, Dealer> dealers) {
    return commit.submit(new Submission(events, dealers));
  }

  private Mono<List<Written>> write(List<Submission> submissions) {
    Instant receivedAt = clock.instant();
    long started = System.nanoTime();
    // An id sent by two requests at once is stored for the first; the second finds it stored and
    // answers DUPLICATE, as it would one write later.
    Map<UUID, Integer> owner = new HashMap<>();
    List<FeedbackEvent> merged = new ArrayList<>();
    Map<UUID, FeedbackEvent> byId = new HashMap<>();
    Map<String, Dealer> dealers = new HashMap<>();
    for (int i = 0; i < submissions.size(); i++) {
      Submission s = submissions.get(i);
      dealers.putAll(s.dealers());
      for (FeedbackEvent e : s.events()) {
        if (owner.putIfAbsent(e.eventId(), i) == null) {
          merged.add(e);
          byId.put(e.eventId(), e);
        }
      }
    }
    eventsPerWrite.record(merged.size());
    Map<String, ZoneId> zones = new HashMap<>();
    dealers.forEach((id, d) -> zones.put(id, ZoneId.of(d.timeZone())));
    return store
        .insert(merged, zones, receivedAt)
        .flatMap(stored -> {
          stores.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
          List<List<StoredEvent>> perSubmission = new ArrayList<>(submissions.size());
          submissions.forEach(s -> perSubmission.add(new ArrayList<>()));
          List<WindowedEvent> windowed = new ArrayList<>(stored.size());
          for (StoredEvent s : stored) {
            perSubmission.get(owner.get(s.eventId())).add(s);
            FeedbackEvent e = byId.get(s.eventId());
            windowed.add(toWindowed(e, dealers.get(e.dealerId()), s, receivedAt));
          }
          // Counted in the order the writes were stored: a dealer's numbers then reach Redis in
          // order, so they go in summed runs, not one by one through the out-of-order path. The
          // next write's store overlaps this count.
          Sinks.Empty<Void> counted = Sinks.empty();
          Mono<Void> previous = lastCount.getAndSet(counted.asMono());
          return previous
              .then(
                  Mono.defer(() -> {
                    long countStarted = System.nanoTime();
                    return aggregates
                        .apply(windowed)
                        .doFinally(signal ->
                            counts.record(System.nanoTime() - countStarted, TimeUnit.NANOSECONDS));
                  }))
              .doFinally(signal -> counted.tryEmitEmpty())
              .then(Mono.fromCallable(() -> written(receivedAt, perSubmission, null)))
              .onErrorResume(error -> Mono.just(written(receivedAt, perSubmission, error)));
        });
  }

  private static List<Written> written(
      Instant receivedAt, List<List<StoredEvent>> perSubmission, @Nullable Throwable failure) {
    return perSubmission.stream().map(stored -> new Written(receivedAt, stored, failure)).toList();
  }

  private static WindowedEvent toWindowed(
      FeedbackEvent e, Dealer d, StoredEvent s, Instant receivedAt) {
    return new WindowedEvent(
        d.id(),
        d.brandId(),
        d.regionId(),
        s.seq(),
        e.occurredAt().toInstant(),
        receivedAt,
        e.stage(),
        e.scores());
  }
}
