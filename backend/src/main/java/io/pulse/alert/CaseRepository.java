package io.pulse.alert;

import io.pulse.api.AlertCase;
import io.pulse.api.CaseKpis;
import io.pulse.api.Parameter;
import io.pulse.feedback.EventColumns;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The case side of alerts: assignee, first contact, re-survey answers and the handling KPIs. */
@Repository
class CaseRepository {

  /** What the alert row holds beyond the alert itself. */
  record CaseFields(
      @Nullable String assignee,
      @Nullable Instant contactedAt,
      @Nullable String rootCause,
      @Nullable String outcome) {}

  private final DatabaseClient db;

  CaseRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<CaseFields> fields(UUID eventId) {
    return db.sql(
            "SELECT assignee, contacted_at, root_cause, outcome FROM alert WHERE event_id = :id")
        .bind("id", eventId)
        .map(row ->
            new CaseFields(
                row.get("assignee", String.class),
                instant(row.get("contacted_at", OffsetDateTime.class)),
                row.get("root_cause", String.class),
                row.get("outcome", String.class)))
        .one();
  }

  /** Gives an unresolved case to {@code assignee}; false when it is resolved. */
  Mono<Boolean> assign(UUID eventId, String assignee, Instant at) {
    return db.sql(
            "UPDATE alert SET assignee = :who, updated_at = :at"
                + " WHERE event_id = :id AND status <> 'RESOLVED'")
        .bind("who", assignee)
        .bind("at", at)
        .bind("id", eventId)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /**
   * The customer was reached: the first time is kept, and an open alert becomes acknowledged. False
   * when the case is resolved.
   */
  Mono<Boolean> contacted(UUID eventId, Instant at) {
    return db.sql(
            """
            UPDATE alert SET contacted_at = coalesce(contacted_at, :at),
              acknowledged_at = CASE WHEN status = 'OPEN' THEN :at ELSE acknowledged_at END,
              status = CASE WHEN status = 'OPEN' THEN 'ACKNOWLEDGED' ELSE status END,
              updated_at = :at
            WHERE event_id = :id AND status <> 'RESOLVED'
            """)
        .bind("at", at)
        .bind("id", eventId)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /** Whether the case is still unresolved (notes may be added to resolved ones too). */
  Mono<Boolean> exists(UUID eventId) {
    return db.sql("SELECT 1 FROM alert WHERE event_id = :id")
        .bind("id", eventId)
        .map(row -> true)
        .one()
        .defaultIfEmpty(false);
  }

  /** The same customer's answers at the same dealer after the one that raised the alert. */
  Flux<AlertCase.LaterAnswer> laterAnswers(UUID eventId) {
    return db.sql(
            """
            SELECT l.event_id, l.stage, l.occurred_at, l.consultation, l.communication, l.visit,
                   l.recommend, l.speed, l.car, l.return_intent,
                   a.consultation AS b_consultation, a.communication AS b_communication,
                   a.visit AS b_visit, a.recommend AS b_recommend, a.speed AS b_speed,
                   a.car AS b_car, a.return_intent AS b_return_intent
            FROM feedback_event a
            JOIN feedback_event l ON l.customer_ref = a.customer_ref AND l.dealer_id = a.dealer_id
              AND l.occurred_at > a.occurred_at
            WHERE a.event_id = :id AND a.customer_ref IS NOT NULL
            ORDER BY l.occurred_at LIMIT 20
            """)
        .bind("id", eventId)
        .map(row -> {
          Map<Parameter, Integer> later = EventColumns.scores(row);
          double score = meanScore(later);
          double before = meanScore(before(row));
          return new AlertCase.LaterAnswer(
              row.get("event_id", UUID.class),
              row.get("stage", String.class),
              row.get("occurred_at", OffsetDateTime.class).toInstant(),
              later.get(Parameter.RECOMMEND),
              score,
              before,
              score > before);
        })
        .all();
  }

  /** A dealer's cases created since {@code since}, newest first, as the cells of an export. */
  Flux<List<@Nullable Object>> exportRows(String dealerId, Instant since, boolean admin) {
    return db.sql(
            """
            SELECT a.event_id, a.created_at, a.status, a.reasons, e.stage, e.occurred_at,
                   e.recommend, a.assignee, a.contacted_at, a.acknowledged_by, a.resolved_at,
                   a.resolved_by, a.root_cause, a.outcome, a.note, e.comment
            FROM alert a JOIN feedback_event e ON e.event_id = a.event_id
            WHERE a.dealer_id = :d AND a.created_at >= :since
            ORDER BY a.created_at DESC
            """)
        .bind("d", dealerId)
        .bind("since", since)
        .map(row -> {
          String[] reasons = row.get("reasons", String[].class);
          String comment = row.get("comment", String.class);
          Short recommend = row.get("recommend", Short.class);
          return java.util.Arrays.<@Nullable Object>asList(
              row.get("event_id", UUID.class).toString(),
              text(row.get("created_at", OffsetDateTime.class)),
              row.get("status", String.class),
              reasons == null ? "" : String.join(" ", reasons),
              row.get("stage", String.class),
              text(row.get("occurred_at", OffsetDateTime.class)),
              recommend == null ? null : recommend.intValue(),
              row.get("assignee", String.class),
              text(row.get("contacted_at", OffsetDateTime.class)),
              row.get("acknowledged_by", String.class),
              text(row.get("resolved_at", OffsetDateTime.class)),
              row.get("resolved_by", String.class),
              row.get("root_cause", String.class),
              row.get("outcome", String.class),
              row.get("note", String.class),
              comment == null || admin ? comment : io.pulse.api.CommentMasking.mask(comment));
        })
        .all();
  }

  static final List<String> EXPORT_HEADER =
      List.of(
          "eventId",
          "createdAt",
          "status",
          "reasons",
          "stage",
          "occurredAt",
          "RECOMMEND",
          "assignee",
          "contactedAt",
          "acknowledgedBy",
          "resolvedAt",
          "resolvedBy",
          "rootCause",
          "outcome",
          "note",
          "comment");

  private static @Nullable String text(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  /** The handling of alerts created since {@code since}: a dealer's, or a brand's. */
  Mono<CaseKpis> kpis(
      String scope,
      boolean brand,
      String id,
      int days,
      Instant now,
      Duration contactSla,
      Duration resolutionSla) {
    String where = brand ? "d.brand_id = :id" : "a.dealer_id = :id";
    String praised = brand ? "d.brand_id = :id" : "f.dealer_id = :id";
    return db.sql(
            """
            WITH p AS (
              SELECT f.event_id FROM feedback_event f JOIN dealer d ON d.id = f.dealer_id
              WHERE %1$s AND f.recommend >= 9 AND f.comment IS NOT NULL
                AND f.occurred_at >= :since AND f.occurred_at <= :now),
            c AS (
              SELECT a.created_at, a.resolved_at, a.outcome,
                     coalesce(a.contacted_at, a.acknowledged_at, a.resolved_at) AS first_contact
              FROM alert a JOIN dealer d ON d.id = a.dealer_id
              WHERE %2$s AND a.created_at >= :since AND a.created_at <= :now)
            SELECT count(*) AS cases,
              count(*) FILTER (WHERE first_contact IS NOT NULL OR created_at <= :contactDue)
                AS due,
              count(*) FILTER (WHERE extract(epoch FROM first_contact - created_at) <= :contactSla)
                AS contacted_in_time,
              count(*) FILTER (WHERE resolved_at IS NOT NULL OR created_at <= :resolutionDue)
                AS resolution_due,
              count(*) FILTER (WHERE extract(epoch FROM resolved_at - created_at) <= :resolutionSla)
                AS resolved_in_time,
              percentile_cont(0.5) WITHIN GROUP
                (ORDER BY extract(epoch FROM first_contact - created_at)) AS contact_s,
              percentile_cont(0.5) WITHIN GROUP
                (ORDER BY extract(epoch FROM resolved_at - created_at)) AS resolution_s,
              count(resolved_at) AS resolved,
              count(*) FILTER (WHERE outcome = 'RECOVERED') AS recovered,
              count(*) FILTER (WHERE resolved_at IS NOT NULL AND outcome IS NOT NULL)
                AS with_outcome,
              (SELECT count(*) FROM p) AS celebrations,
              (SELECT count(t.event_id) FROM p JOIN celebration_thanks t ON t.event_id = p.event_id)
                AS thanked
            FROM c
            """
                .formatted(praised, where))
        .bind("id", id)
        .bind("since", now.minus(Duration.ofDays(days)))
        .bind("now", now)
        .bind("contactDue", now.minus(contactSla))
        .bind("resolutionDue", now.minus(resolutionSla))
        .bind("contactSla", (double) contactSla.toSeconds())
        .bind("resolutionSla", (double) resolutionSla.toSeconds())
        .map(row -> {
          long due = count(row, "due");
          long resolutionDue = count(row, "resolution_due");
          long withOutcome = count(row, "with_outcome");
          return new CaseKpis(
              scope,
              days,
              count(row, "cases"),
              due,
              share(count(row, "contacted_in_time"), due),
              share(count(row, "resolved_in_time"), resolutionDue),
              hours(row.get("contact_s", Double.class)),
              hours(row.get("resolution_s", Double.class)),
              count(row, "resolved"),
              count(row, "recovered"),
              share(count(row, "recovered"), withOutcome),
              count(row, "celebrations"),
              count(row, "thanked"));
        })
        .one();
  }

  private static Map<Parameter, Integer> before(Readable row) {
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      Short v = row.get("b_" + EventColumns.of(p), Short.class);
      if (v != null) {
        scores.put(p, v.intValue());
      }
    }
    return scores;
  }

  /** The mean of an answer's scores, each on 0–100. */
  static double meanScore(Map<Parameter, Integer> scores) {
    return scores.entrySet().stream()
        .mapToInt(e -> e.getKey().normalise(e.getValue()))
        .average()
        .orElse(0);
  }

  private static long count(Readable row, String column) {
    Long v = row.get(column, Long.class);
    return v == null ? 0 : v;
  }

  private static @Nullable Double share(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
  }

  private static @Nullable Double hours(@Nullable Double seconds) {
    return seconds == null ? null : Math.round(seconds / 360.0) / 10.0;
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
