package io.pulse.feedback;

import io.pulse.api.FeedbackEvent;
import io.pulse.api.Parameter;
import io.pulse.index.AlertReasons;
import io.pulse.index.Tally;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Stores feedback events in PostgreSQL, each exactly once, numbering each dealer's events.
 *
 * <p>One transaction per group write: lock the write's dealer counters in id order (so concurrent
 * writes cannot deadlock), then one set-based statement inserts the events that are not there yet
 * and advances the counters. An event id that is already stored is reported as a duplicate.
 *
 * <p>The lock comes first, in a statement of its own, so that the insert's snapshot is taken after
 * it: a write that waited for another one carrying the same event id sees that event stored and
 * numbers nothing for it. Locking inside the insert statement (tried) saves a round trip but takes
 * the snapshot before the wait, and each such race then burns a number that the reconciler has to
 * step over. With group writes only a few transactions per instance contend for these locks,
 * whatever the number of requests.
 *
 * <p>The same statement adds the newly stored events to their dealers' daily roll-up ({@code
 * dealer_day}), summed per dealer and local day, so a trend chart never scans the events. Only rows
 * the insert returned are rolled up: a duplicate never counts twice. The day rows of a dealer are
 * only ever written under its {@code dealer_seq} lock, so they add no lock of their own and cannot
 * deadlock; for the same reason the day rows that exist are added to with a plain {@code UPDATE}
 * (an {@code INSERT … ON CONFLICT} would lock each row first, one more WAL record per row), and
 * only a dealer's first event of a day inserts one.
 */
@Repository
class FeedbackStore {

  private static final String LOCK_DEALERS =
      """
      SELECT dealer_id FROM dealer_seq WHERE dealer_id = ANY(:dealers::text[])
      ORDER BY dealer_id FOR UPDATE
      """;

  private static final String INSERT =
      """
      WITH input AS (
        SELECT * FROM unnest(:ids::uuid[], :dealers::text[], :stages::text[],
                             :occurred::timestamptz[], :consultation::smallint[],
                             :communication::smallint[], :visit::smallint[],
                             :recommend::smallint[], :speed::smallint[], :car::smallint[],
                             :returnIntent::smallint[], :comments::text[], :channels::text[],
                             :refs::text[], :alerts::text[], :days::date[],
                             :perfect::boolean[], :straight::boolean[], :composite::float8[])
          WITH ORDINALITY AS t(event_id, dealer_id, stage, occurred_at, consultation,
                               communication, visit, recommend, speed, car, return_intent,
                               comment, channel, customer_ref, alert_reasons, day, perfect,
                               straight, composite, ord)),
      fresh AS (
        SELECT i.* FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM feedback_event f WHERE f.event_id = i.event_id)),
      counts AS (SELECT dealer_id, count(*) AS n FROM fresh GROUP BY dealer_id),
      bumped AS (
        UPDATE dealer_seq s SET last_seq = s.last_seq + c.n FROM counts c
        WHERE s.dealer_id = c.dealer_id
        RETURNING s.dealer_id, s.last_seq - c.n AS base),
      stored AS (
        INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at,
          consultation, communication, visit, recommend, speed, car, return_intent, comment,
          channel, customer_ref)
        SELECT f.event_id, f.dealer_id,
               b.base + row_number() OVER (PARTITION BY f.dealer_id ORDER BY f.ord),
               f.stage, f.occurred_at, :receivedAt, f.consultation, f.communication, f.visit,
               f.recommend, f.speed, f.car, f.return_intent, f.comment, f.channel, f.customer_ref
        FROM fresh f JOIN bumped b USING (dealer_id)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING *),
      alerts AS (
        INSERT INTO alert (event_id, dealer_id, created_at, reasons)
        SELECT s.event_id, s.dealer_id, s.received_at, string_to_array(f.alert_reasons, ',')
        FROM stored s JOIN fresh f USING (event_id)
        WHERE f.alert_reasons <> ''),
      day_sums AS (
        SELECT f.dealer_id, f.day, %1$s
        FROM stored s JOIN fresh f USING (event_id)
        WHERE f.day IS NOT NULL
        GROUP BY f.dealer_id, f.day),
      days_added AS (
        UPDATE dealer_day r SET %2$s
        FROM day_sums d WHERE r.dealer_id = d.dealer_id AND r.day = d.day
        RETURNING r.dealer_id, r.day),
      days_new AS (
        INSERT INTO dealer_day AS r (dealer_id, day, %3$s)
        SELECT d.dealer_id, d.day, %4$s FROM day_sums d
        WHERE NOT EXISTS (
          SELECT 1 FROM days_added a WHERE a.dealer_id = d.dealer_id AND a.day = d.day)
        ON CONFLICT (dealer_id, day) DO UPDATE SET %5$s)
      SELECT event_id, dealer_id, seq FROM stored
      """
          .formatted(
              DealerDays.fromEvents("f", true),
              DealerDays.addFrom("r", "d"),
              String.join(", ", DealerDays.summed()),
              DealerDays.columns("d"),
              DealerDays.addExcluded("r"));

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  FeedbackStore(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /**
   * Stores the events (ids must be distinct within the call; dealers must exist) and returns those
   * stored now, i.e. not already known.
   */
  Mono<List<StoredEvent>> insert(
      List<FeedbackEvent> events, Map<String, ZoneId> zones, Instant receivedAt) {
    if (events.isEmpty()) {
      return Mono.just(List.of());
    }
    String[] dealers =
        events.stream().map(FeedbackEvent::dealerId).distinct().toArray(String[]::new);
    Mono<List<StoredEvent>> insert =
        db.sql(INSERT)
            .bind("ids", strings(events, e -> e.eventId().toString()))
            .bind("dealers", strings(events, FeedbackEvent::dealerId))
            .bind("stages", strings(events, e -> e.stage().name()))
            .bind(
                "occurred",
                strings(events, e -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.occurredAt())))
            .bind("consultation", scores(events, Parameter.CONSULTATION))
            .bind("communication", scores(events, Parameter.COMMUNICATION))
            .bind("visit", scores(events, Parameter.VISIT))
            .bind("recommend", scores(events, Parameter.RECOMMEND))
            .bind("speed", scores(events, Parameter.SPEED))
            .bind("car", scores(events, Parameter.CAR))
            .bind("returnIntent", scores(events, Parameter.RETURN))
            .bind("comments", strings(events, FeedbackEvent::comment))
            .bind("channels", strings(events, e -> e.channel() == null ? null : e.channel().name()))
            .bind("refs", strings(events, FeedbackEvent::customerRef))
            // Alerts are created in the same transaction, so none is ever missing or orphaned.
            .bind("alerts", strings(events, e -> String.join(",", AlertReasons.of(e.scores()))))
            .bind("days", days(events, zones, receivedAt))
            .bind("perfect", flags(events, e -> Tally.isPerfect(e.scores())))
            .bind("straight", flags(events, e -> Tally.isStraightLined(e.scores())))
            .bind(
                "composite",
                events.stream().map(e -> DealerDays.composite(e.scores())).toArray(Double[]::new))
            .bind("receivedAt", receivedAt)
            .map(row ->
                new StoredEvent(
                    row.get("event_id", UUID.class),
                    row.get("dealer_id", String.class),
                    row.get("seq", Long.class)))
            .all()
            .collectList();
    return db.sql(LOCK_DEALERS)
        .bind("dealers", dealers)
        .fetch()
        .all()
        .then(insert)
        .as(tx::transactional);
  }

  private static String[] strings(List<FeedbackEvent> events, Function<FeedbackEvent, String> f) {
    return events.stream().map(f).toArray(String[]::new);
  }

  private static LocalDate[] days(
      List<FeedbackEvent> events, Map<String, ZoneId> zones, Instant receivedAt) {
    return events.stream()
        .map(e -> DealerDays.day(e.occurredAt().toInstant(), zones.get(e.dealerId()), receivedAt))
        .toArray(LocalDate[]::new);
  }

  private static Boolean[] flags(List<FeedbackEvent> events, Predicate<FeedbackEvent> f) {
    return events.stream().map(f::test).toArray(Boolean[]::new);
  }

  private static Integer[] scores(List<FeedbackEvent> events, Parameter p) {
    return events.stream().map(e -> e.scores().get(p)).toArray(Integer[]::new);
  }
}
