package io.pulse.feedback;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.window.AggregateScope;
import io.pulse.window.EventHistory;
import io.pulse.window.WindowedEvent;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads stored feedback back for the aggregates: snapshots for rebuilds, tails for catch-up. */
@Repository
class FeedbackHistory implements EventHistory {

  private static final String COLUMNS =
      """
      e.dealer_id, d.brand_id, d.region_id, e.seq, e.occurred_at, e.received_at, e.stage,
      e.consultation, e.communication, e.visit, e.recommend, e.speed, e.car, e.return_intent
      """;

  private final DatabaseClient db;
  private final TransactionalOperator snapshotTx;

  FeedbackHistory(DatabaseClient db, ReactiveTransactionManager transactions) {
    this.db = db;
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
    // One snapshot for the sequence numbers and the events, so they agree exactly.
    definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    definition.setReadOnly(true);
    this.snapshotTx = TransactionalOperator.create(transactions, definition);
  }

  @Override
  public Mono<ScopeHistory> snapshot(AggregateScope scope, Instant since) {
    Mono<Map<String, Long>> seqs;
    Flux<WindowedEvent> events;
    switch (scope) {
      case AggregateScope.Dealer d -> {
        seqs =
            db.sql("SELECT dealer_id, last_seq FROM dealer_seq WHERE dealer_id = :dealer")
                .bind("dealer", d.dealerId())
                .map(row ->
                    Map.entry(row.get("dealer_id", String.class), row.get("last_seq", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        events =
            db.sql(
                    "SELECT "
                        + COLUMNS
                        + " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id"
                        + " WHERE e.dealer_id = :dealer AND e.occurred_at > :since")
                .bind("dealer", d.dealerId())
                .bind("since", since)
                .map(FeedbackHistory::event)
                .all();
      }
      case AggregateScope.Cell c -> {
        seqs =
            db.sql(
                    """
                    SELECT s.dealer_id, s.last_seq FROM dealer d JOIN dealer_seq s ON s.dealer_id = d.id
                    WHERE d.brand_id = :brand AND d.region_id = :region
                    """)
                .bind("brand", c.brandId())
                .bind("region", c.regionId())
                .map(row ->
                    Map.entry(row.get("dealer_id", String.class), row.get("last_seq", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        events =
            db.sql(
                    "SELECT "
                        + COLUMNS
                        + " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id"
                        + " WHERE d.brand_id = :brand AND d.region_id = :region"
                        + " AND e.occurred_at > :since")
                .bind("brand", c.brandId())
                .bind("region", c.regionId())
                .bind("since", since)
                .map(FeedbackHistory::event)
                .all();
      }
    }
    return seqs.flatMap(s -> events.collectList().map(e -> new ScopeHistory(s, e)))
        .as(snapshotTx::transactional);
  }

  @Override
  public Flux<WindowedEvent> after(Map<String, Long> marks) {
    if (marks.isEmpty()) {
      return Flux.empty();
    }
    String[] dealers = marks.keySet().toArray(String[]::new);
    Long[] seqs = new Long[dealers.length];
    for (int i = 0; i < dealers.length; i++) {
      seqs[i] = marks.get(dealers[i]);
    }
    return db.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM unnest(:dealers::text[], :seqs::bigint[]) AS m(dealer_id, seq)
                JOIN feedback_event e ON e.dealer_id = m.dealer_id AND e.seq > m.seq
                JOIN dealer d ON d.id = e.dealer_id
                ORDER BY e.dealer_id, e.seq
                """)
        .bind("dealers", dealers)
        .bind("seqs", seqs)
        .map(FeedbackHistory::event)
        .all();
  }

  @Override
  public Flux<WindowedEvent> byEventIds(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id"
                + " WHERE e.event_id = ANY(:ids::uuid[])")
        .bind("ids", eventIds.stream().map(UUID::toString).toArray(String[]::new))
        .map(FeedbackHistory::event)
        .all();
  }

  @Override
  public Flux<DealerProgress> progress() {
    return db.sql(
            """
            SELECT d.id, d.brand_id, d.region_id, s.last_seq
            FROM dealer d JOIN dealer_seq s ON s.dealer_id = d.id
            """)
        .map(row ->
            new DealerProgress(
                row.get("id", String.class),
                row.get("brand_id", String.class),
                row.get("region_id", String.class),
                row.get("last_seq", Long.class)))
        .all();
  }

  private static WindowedEvent event(Readable row) {
    Map<Parameter, Integer> scores = EventColumns.scores(row);
    return new WindowedEvent(
        row.get("dealer_id", String.class),
        row.get("brand_id", String.class),
        row.get("region_id", String.class),
        row.get("seq", Long.class),
        row.get("occurred_at", OffsetDateTime.class).toInstant(),
        row.get("received_at", OffsetDateTime.class).toInstant(),
        JourneyStage.valueOf(row.get("stage", String.class)),
        new HashMap<>(scores));
  }
}
