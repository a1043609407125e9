package io.pulse.alert;

import io.pulse.api.Parameter;
import io.pulse.feedback.EventColumns;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The early-warning state in PostgreSQL: each dealer's tests as they stand after its answer number
 * {@code last_seq} ({@code dealer_watch}), its answers after that, and the alerts the tests raise.
 * The statements run inside the caller's transaction, several dealers at a time.
 */
@Repository
class DealerWatchStore {

  /** A dealer's stored tests: after answer {@code lastSeq}, as JSON. */
  record WatchRow(String dealerId, long lastSeq, String state) {}

  /** One answer of a dealer, in its dealer's order. */
  record Answer(
      String dealerId,
      UUID eventId,
      long seq,
      Instant occurredAt,
      Map<Parameter, Integer> scores) {}

  /** An answer's early warnings, to join its alert: reasons and their explanations (JSON). */
  record Raised(UUID eventId, String dealerId, List<String> reasons, String explanations) {}

  private static final String ANSWER_COLUMNS =
      Arrays.stream(Parameter.values())
          .map(p -> "e." + EventColumns.of(p))
          .collect(Collectors.joining(", "));

  /** The actor of the history step of a case that an early warning reopened. */
  static final String REOPENED_BY = "early warning";

  private final DatabaseClient db;

  DealerWatchStore(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Dealers with answers their tests have not seen, fewest new answers first (live dealers before
   * one loading its history), at most {@code limit}.
   */
  Flux<String> behind(int limit) {
    return db.sql(
            """
            SELECT s.dealer_id FROM dealer_seq s LEFT JOIN dealer_watch w USING (dealer_id)
            WHERE s.last_seq > coalesce(w.last_seq, 0)
            ORDER BY s.last_seq - coalesce(w.last_seq, 0), s.dealer_id
            LIMIT :n
            """)
        .bind("n", limit)
        .map(row -> row.get("dealer_id", String.class))
        .all();
  }

  /**
   * Locks the dealers' rows (creating missing ones) in id order, so that two instances advancing
   * the same dealer take turns and the second sees what the first stored.
   */
  Flux<WatchRow> lock(List<String> sortedDealerIds) {
    String[] ids = sortedDealerIds.toArray(String[]::new);
    return db.sql(
            """
            INSERT INTO dealer_watch (dealer_id)
            SELECT d FROM unnest(:ids::text[]) d ORDER BY d
            ON CONFLICT (dealer_id) DO NOTHING
            """)
        .bind("ids", ids)
        .fetch()
        .rowsUpdated()
        .thenMany(
            db.sql(
                    """
                    SELECT dealer_id, last_seq, state FROM dealer_watch
                    WHERE dealer_id = ANY(:ids::text[]) ORDER BY dealer_id FOR UPDATE
                    """)
                .bind("ids", ids)
                .map(row ->
                    new WatchRow(
                        row.get("dealer_id", String.class),
                        row.get("last_seq", Long.class),
                        row.get("state", String.class)))
                .all());
  }

  /** Each locked dealer's answers after its {@code last_seq}, at most {@code perDealer} each. */
  Flux<Answer> answersAfter(List<String> dealerIds, int perDealer) {
    return db.sql(
            """
            SELECT e.dealer_id, e.event_id, e.seq,
                   (extract(epoch FROM e.occurred_at) * 1000)::bigint AS occurred_ms, %s
            FROM dealer_watch w CROSS JOIN LATERAL (
              SELECT * FROM feedback_event f
              WHERE f.dealer_id = w.dealer_id AND f.seq > w.last_seq
              ORDER BY f.seq LIMIT :n) e
            WHERE w.dealer_id = ANY(:ids::text[])
            ORDER BY e.dealer_id, e.seq
            """
                .formatted(ANSWER_COLUMNS))
        .bind("ids", dealerIds.toArray(String[]::new))
        .bind("n", perDealer)
        .map(row ->
            new Answer(
                row.get("dealer_id", String.class),
                row.get("event_id", UUID.class),
                row.get("seq", Long.class),
                // As a number: the driver reads a timestamp as text through the general
                // date-time parser, a tenth of the loop's CPU for every answer it reads.
                Instant.ofEpochMilli(row.get("occurred_ms", Long.class)),
                EventColumns.scores(row)))
        .all();
  }

  /**
   * Adds the warnings to their answers' alerts: a new alert, or new reasons on the answer's alert
   * (reopened: there is something new to look at; a resolved one is due again from now; an
   * acknowledged or resolved case gets a {@code REOPENED} step). Reasons already there change
   * nothing, so a repeat is harmless.
   */
  Mono<Long> raise(List<Raised> raised, Instant at) {
    if (raised.isEmpty()) {
      return Mono.just(0L);
    }
    UUID[] ids = raised.stream().map(Raised::eventId).toArray(UUID[]::new);
    // Which of them a person has handled, locked until the commit so that it stays so: the
    // statement below reads its own snapshot, and a row it updates is invisible to a lock taken
    // in the same statement.
    Mono<UUID[]> handled =
        db.sql(
                """
                SELECT event_id FROM alert WHERE event_id = ANY(:ids::uuid[]) AND status <> 'OPEN'
                ORDER BY event_id FOR UPDATE
                """)
            .bind("ids", ids)
            .map(row -> row.get("event_id", UUID.class))
            .all()
            .collectList()
            .map(list -> list.toArray(UUID[]::new));
    return handled.flatMap(handledIds ->
        db.sql(
                """
                WITH input AS (
                  SELECT * FROM unnest(:ids::uuid[], :dealers::text[], :reasons::text[],
                                       :explanations::text[])
                    AS t(event_id, dealer_id, reasons, explanations)),
                raised AS (
                  INSERT INTO alert AS a (event_id, dealer_id, created_at, reasons, explanations)
                  SELECT t.event_id, t.dealer_id, :at, string_to_array(t.reasons, ','),
                         t.explanations::jsonb
                  FROM input t
                  ON CONFLICT (event_id) DO UPDATE SET
                    reasons = a.reasons
                      || ARRAY(SELECT r FROM unnest(EXCLUDED.reasons) r WHERE r <> ALL(a.reasons)),
                    explanations = a.explanations || EXCLUDED.explanations,
                    created_at = CASE WHEN a.status = 'RESOLVED' THEN EXCLUDED.created_at
                                      ELSE a.created_at END,
                    status = 'OPEN', acknowledged_at = NULL, resolved_at = NULL,
                    updated_at = EXCLUDED.created_at
                  WHERE NOT EXCLUDED.reasons <@ a.reasons
                  RETURNING a.event_id, a.reasons),
                reopened AS (
                  INSERT INTO alert_history (event_id, at, actor, action, detail)
                  SELECT r.event_id, :at, :actor, 'REOPENED', array_to_string(r.reasons, ', ')
                  FROM raised r WHERE r.event_id = ANY(:handled::uuid[]))
                SELECT count(*) AS n FROM raised
                """)
            .bind("at", at)
            .bind("ids", ids)
            .bind("handled", handledIds)
            .bind("dealers", raised.stream().map(Raised::dealerId).toArray(String[]::new))
            .bind(
                "reasons",
                raised.stream().map(r -> String.join(",", r.reasons())).toArray(String[]::new))
            .bind("explanations", raised.stream().map(Raised::explanations).toArray(String[]::new))
            .bind("actor", REOPENED_BY)
            .map(row -> row.get("n", Long.class))
            .one());
  }

  /** Stores where the dealers' tests stand now. */
  Mono<Long> save(List<WatchRow> rows, Instant at) {
    if (rows.isEmpty()) {
      return Mono.just(0L);
    }
    return db.sql(
            """
            UPDATE dealer_watch w SET last_seq = t.last_seq, state = t.state,
                                      updated_at = :at
            FROM unnest(:ids::text[], :seqs::bigint[], :states::text[]) AS t(dealer_id, last_seq, state)
            WHERE w.dealer_id = t.dealer_id
            """)
        .bind("at", at)
        .bind("ids", rows.stream().map(WatchRow::dealerId).toArray(String[]::new))
        .bind("seqs", rows.stream().map(WatchRow::lastSeq).toArray(Long[]::new))
        .bind("states", rows.stream().map(WatchRow::state).toArray(String[]::new))
        .fetch()
        .rowsUpdated();
  }
}
