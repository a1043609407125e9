package io.pulse.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.Dealer;
import io.pulse.api.FeedItem;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.IngestResult;
import io.pulse.index.AlertReasons;
import io.pulse.network.DealerDirectory;
import io.pulse.security.IngestScope;
import io.pulse.system.FieldViolation;
import io.pulse.system.ForbiddenException;
import io.pulse.system.InvalidInputException;
import io.pulse.system.StoreUnavailableException;
import io.pulse.window.Aggregates;
import io.pulse.window.EventHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The ingest path: validate everything, store what is new in PostgreSQL (durable, exactly once),
 * then count it in the Redis windows. A reply is sent only after both; if counting fails the events
 * are still safe in PostgreSQL and the reconciler counts them once Redis is back.
 */
@Service
public class IngestService {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final FeedbackParser parser;
  private final EventWriter writer;
  private final DealerDirectory directory;
  private final Aggregates aggregates;
  private final AcceptedFeedback feed;
  private final IngestAdmission admission;
  private final EventHistory history;
  private final IngestProperties limits;
  private final Clock clock;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;

  IngestService(
      EventWriter writer,
      DealerDirectory directory,
      Aggregates aggregates,
      AcceptedFeedback feed,
      IngestAdmission admission,
      EventHistory history,
      IngestProperties limits,
      Clock clock,
      MeterRegistry meters) {
    this.parser = new FeedbackParser(limits);
    this.writer = writer;
    this.directory = directory;
    this.aggregates = aggregates;
    this.feed = feed;
    this.admission = admission;
    this.history = history;
    this.limits = limits;
    this.clock = clock;
    this.accepted = counter(meters, "accepted");
    this.duplicates = counter(meters, "duplicate");
    this.rejected = counter(meters, "rejected");
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("pulse.ingest.events")
        .description("Feedback events received, by outcome")
        .tag("result", result)
        .register(meters);
  }

  /**
   * Validates and stores events. {@code paths} names each item in error messages (e.g. {@code [3]}
   * in a batch, {@code line 4} in a bulk upload, empty for a single event).
   */
  public Mono<List<IngestResult>> ingest(
      List<JsonNode> items, List<String> paths, IngestScope scope) {
    Instant now = clock.instant();
    List<FeedbackEvent> events = new ArrayList<>(items.size());
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      FeedbackParser.Parsed parsed = parser.parse(items.get(i), now);
      String path = paths.get(i);
      parsed.violations().forEach(v -> violations.add(path.isEmpty() ? v : v.prefixed(path)));
      events.add(parsed.event());
    }
    if (!violations.isEmpty()) {
      rejected.increment(items.size());
      return Mono.error(
          new InvalidInputException(
              items.size() == 1
                  ? "The feedback event is invalid; nothing was stored."
                  : "%d of %d events are invalid; nothing was stored."
                      .formatted(countItems(violations, paths), items.size()),
              violations));
    }
    List<FieldViolation> backDated = backDated(events, paths, scope, now);
    if (!backDated.isEmpty()) {
      rejected.increment(items.size());
      return Mono.error(
          new ForbiddenException(
              "Events dated more than %s back need an API key with the HISTORY capability; nothing was stored."
                  .formatted(limits.maxLiveAge().toDays() + " days"),
              backDated));
    }
    return resolveDealers(events, paths)
        .flatMap(dealers -> inScope(events, paths, dealers, scope))
        .flatMap(dealers -> storeAndCount(events, dealers));
  }

  /**
   * Loading history (events dated past {@code pulse.ingest.max-live-age}) is a capability of its
   * own: a key that sends live feedback cannot rewrite a dealer's past months.
   */
  private List<FieldViolation> backDated(
      List<FeedbackEvent> events, List<String> paths, IngestScope scope, Instant now) {
    if (scope.has(IngestScope.Capability.HISTORY)) {
      return List.of();
    }
    Instant oldest = now.minus(limits.maxLiveAge());
    List<FieldViolation> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).occurredAt().toInstant().isBefore(oldest)) {
        FieldViolation v =
            new FieldViolation(
                "occurredAt",
                "is more than %d days in the past: history needs the HISTORY capability"
                    .formatted(limits.maxLiveAge().toDays()));
        out.add(paths.get(i).isEmpty() ? v : v.prefixed(paths.get(i)));
      }
    }
    return out;
  }

  private static long countItems(List<FieldViolation> violations, List<String> paths) {
    if (paths.size() == 1) {
      return 1;
    }
    return violations.stream()
        .map(v -> paths.stream().filter(p -> v.field().startsWith(p)).findFirst().orElse(v.field()))
        .distinct()
        .count();
  }

  private Mono<Map<String, Dealer>> resolveDealers(List<FeedbackEvent> events, List<String> paths) {
    return directory
        .resolve(events.stream().map(FeedbackEvent::dealerId).toList())
        .flatMap(known -> {
          List<FieldViolation> unknown = new ArrayList<>();
          for (int i = 0; i < events.size(); i++) {
            if (!known.containsKey(events.get(i).dealerId())) {
              FieldViolation v =
                  new FieldViolation("dealerId", "no dealer with this id: load the network first");
              unknown.add(paths.get(i).isEmpty() ? v : v.prefixed(paths.get(i)));
            }
          }
          if (!unknown.isEmpty()) {
            rejected.increment(events.size());
            return Mono.error(
                InvalidInputException.unknownReference(
                    "Events refer to unknown dealers; nothing was stored.", unknown));
          }
          return Mono.just(known);
        });
  }

  /**
   * A key for some brands sends for their dealers only: feedback for any other dealer refuses the
   * whole request (403, each such dealer named), so a key can never write into another brand.
   */
  private Mono<Map<String, Dealer>> inScope(
      List<FeedbackEvent> events,
      List<String> paths,
      Map<String, Dealer> dealers,
      IngestScope scope) {
    List<FieldViolation> outside = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Dealer d = dealers.get(events.get(i).dealerId());
      if (!scope.allowsBrand(d.brandId())) {
        FieldViolation v =
            new FieldViolation(
                "dealerId",
                "dealer " + d.id() + " is outside the brands this API key may send for");
        outside.add(paths.get(i).isEmpty() ? v : v.prefixed(paths.get(i)));
      }
    }
    if (outside.isEmpty()) {
      return Mono.just(dealers);
    }
    rejected.increment(events.size());
    return Mono.error(
        new ForbiddenException(
            "Events for dealers outside this API key's brands; nothing was stored.", outside));
  }

  private Mono<List<IngestResult>> storeAndCount(
      List<FeedbackEvent> events, Map<String, Dealer> dealers) {
    // An id repeated inside one request is stored once; the repeats are duplicates.
    Set<UUID> seen = new HashSet<>();
    List<FeedbackEvent> distinct = events.stream().filter(e -> seen.add(e.eventId())).toList();
    // Admitted as a whole, before anything is stored: a refusal (503) never comes half-way
    // through a request. A bulk upload larger than the bound takes the whole bound.
    int weight = Math.min(distinct.size(), limits.maxInFlightEvents());
    return Mono.usingWhen(
            Mono.fromCallable(() -> admission.admit(weight)),
            admitted ->
                Flux.fromIterable(chunks(distinct, limits.chunkSize()))
                    .concatMap(chunk -> storeChunk(chunk, dealers))
                    .collectList(),
            admitted -> Mono.fromRunnable(admitted::succeeded),
            (admitted, error) -> Mono.fromRunnable(admitted::ignored),
            admitted -> Mono.fromRunnable(admitted::ignored))
        .map(storedChunks -> {
          Set<UUID> stored = new HashSet<>();
          storedChunks.forEach(stored::addAll);
          List<IngestResult> results = new ArrayList<>(events.size());
          for (FeedbackEvent e : events) {
            boolean fresh = stored.remove(e.eventId());
            results.add(
                new IngestResult(
                    e.eventId(),
                    fresh ? IngestResult.Status.ACCEPTED : IngestResult.Status.DUPLICATE));
          }
          long acceptedCount =
              results.stream().filter(r -> r.status() == IngestResult.Status.ACCEPTED).count();
          accepted.increment(acceptedCount);
          duplicates.increment(results.size() - acceptedCount);
          return results;
        });
  }

  /**
   * Stores one chunk (one transaction, shared with concurrent requests) and counts it; returns the
   * ids stored now.
   */
  private Mono<Set<UUID>> storeChunk(List<FeedbackEvent> chunk, Map<String, Dealer> dealers) {
    Map<UUID, FeedbackEvent> byId = new HashMap<>();
    chunk.forEach(e -> byId.put(e.eventId(), e));
    return writer
        .write(chunk, dealers)
        .flatMap(written -> {
          List<StoredEvent> stored = written.stored();
          Set<UUID> ids = new HashSet<>();
          stored.forEach(s -> ids.add(s.eventId()));
          // Stored is enough for the live feed: the events are durable, counted or not yet.
          feed.publish(feedItems(stored, byId, written.receivedAt()));
          if (written.countFailure() != null) {
            return Mono.error(notCounted(stored.size(), written.countFailure()));
          }
          // A duplicate may be a retry of a request that stored its events but could not count
          // them (Redis away): count them again now (counting is idempotent), so that a
          // DUPLICATE reply, like an ACCEPTED one, means "stored and counted".
          List<UUID> repeated = byId.keySet().stream().filter(id -> !ids.contains(id)).toList();
          if (repeated.isEmpty()) {
            return Mono.just(ids);
          }
          return history
              .byEventIds(repeated)
              .collectList()
              .flatMap(again ->
                  aggregates
                      .apply(again)
                      // The instance that counted them may have died before announcing it.
                      .then(Mono.fromRunnable(() -> aggregates.announce(again))))
              .onErrorMap(ex -> notCounted(repeated.size(), ex))
              .thenReturn(ids);
        });
  }

  private static StoreUnavailableException notCounted(int events, Throwable cause) {
    log.warn("Counting {} stored events failed: {}", events, cause.toString());
    return new StoreUnavailableException(
        "The events are stored but could not be counted yet (aggregate store unavailable); they"
            + " will be counted when it returns. Retrying is safe: stored events are reported as"
            + " DUPLICATE.",
        cause);
  }

  private static List<FeedItem> feedItems(
      List<StoredEvent> stored, Map<UUID, FeedbackEvent> byId, Instant receivedAt) {
    List<FeedItem> items = new ArrayList<>(stored.size());
    for (StoredEvent s : stored) {
      FeedbackEvent e = byId.get(s.eventId());
      items.add(
          new FeedItem(
              s.dealerId(),
              s.seq(),
              e.eventId(),
              e.stage(),
              e.occurredAt().toInstant(),
              receivedAt,
              e.scores(),
              e.comment(),
              e.channel(),
              AlertReasons.of(e.scores())));
    }
    return items;
  }

  private static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }
}
