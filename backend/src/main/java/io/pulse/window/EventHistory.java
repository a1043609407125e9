package io.pulse.window;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stored events, as the aggregates need them to rebuild and catch up. PostgreSQL is the source
 * of truth; Redis can always be rebuilt from this.
 */
public interface EventHistory {

  /**
   * One consistent snapshot of a scope: the last sequence number of each of its dealers, and its
   * events that occurred after {@code since}, read in one transaction.
   */
  Mono<ScopeHistory> snapshot(AggregateScope scope, Instant since);

  /** Events with a sequence number above each dealer's mark, in sequence order per dealer. */
  Flux<WindowedEvent> after(Map<String, Long> marks);

  /** The stored events with these ids (ids not stored are simply absent). */
  Flux<WindowedEvent> byEventIds(Collection<UUID> eventIds);

  /** Every dealer's last sequence number, brand and region. */
  Flux<DealerProgress> progress();

  /**
   * A scope's state in PostgreSQL.
   *
   * @param lastSeqs dealer id → last sequence number at the snapshot
   */
  record ScopeHistory(Map<String, Long> lastSeqs, List<WindowedEvent> events) {

    public ScopeHistory {
      lastSeqs = Map.copyOf(lastSeqs);
      events = List.copyOf(events);
    }
  }

  /** How far a dealer's events go in PostgreSQL. */
  record DealerProgress(String dealerId, String brandId, String regionId, long lastSeq) {

    public AggregateScope.Cell cell() {
      return new AggregateScope.Cell(brandId, regionId);
    }
  }
}
