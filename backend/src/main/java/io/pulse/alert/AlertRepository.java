package io.pulse.alert;

import io.pulse.api.Alert;
import io.pulse.feedback.EventColumns;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Alerts in PostgreSQL, joined with the answers that raised them. */
@Repository
class AlertRepository {

  private static final String SELECT =
      """
      SELECT a.event_id, a.dealer_id, a.created_at, a.reasons, a.status, a.acknowledged_at,
             a.resolved_at, a.note, a.acknowledged_by, a.resolved_by, e.stage, e.occurred_at, e.consultation, e.communication,
             e.visit, e.recommend, e.speed, e.car, e.return_intent, e.comment, e.channel
      FROM alert a JOIN feedback_event e ON e.event_id = a.event_id
      """;

  /** Overview counts of one dealer. */
  record DealerCounts(String dealerId, long open, long acknowledged, long overdue) {}

  private final DatabaseClient db;

  AlertRepository(DatabaseClient db) {
    this.db = db;
  }

  Flux<Alert> forDealer(String dealerId, boolean unresolvedOnly, int limit, Instant overdueBefore) {
    String where =
        unresolvedOnly
            ? " WHERE a.dealer_id = :d AND a.status <> 'RESOLVED'"
            : " WHERE a.dealer_id = :d";
    return db.sql(SELECT + where + " ORDER BY a.created_at DESC LIMIT :n")
        .bind("d", dealerId)
        .bind("n", limit)
        .map(row -> alert(row, overdueBefore))
        .all();
  }

  Mono<Alert> find(UUID eventId, Instant overdueBefore) {
    return db.sql(SELECT + " WHERE a.event_id = :id")
        .bind("id", eventId)
        .map(row -> alert(row, overdueBefore))
        .one();
  }

  /**
   * Moves an alert to {@code to} if it is in one of {@code from}; returns whether it moved. The
   * condition is in the statement, so two managers acting at once cannot both win. {@code actor} is
   * the person who moved it, stored beside the time.
   */
  Mono<Boolean> transition(
      UUID eventId,
      List<Alert.Status> from,
      Alert.Status to,
      @Nullable String note,
      String actor,
      Instant at,
      @Nullable String rootCause,
      @Nullable String outcome) {
    String step = to == Alert.Status.ACKNOWLEDGED ? "acknowledged" : "resolved";
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "UPDATE alert SET status = :to, "
                    + step
                    + "_at = :at, "
                    + step
                    + "_by = :actor, note = coalesce(:note, note), updated_at = :at,"
                    + " root_cause = coalesce(:cause, root_cause),"
                    + " outcome = coalesce(:outcome, outcome)"
                    + " WHERE event_id = :id AND status = ANY(:from::text[])")
            .bind("to", to.name())
            .bind("actor", actor)
            .bind("at", at)
            .bind("id", eventId)
            .bind("from", from.stream().map(Enum::name).toArray(String[]::new));
    spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
    spec = rootCause == null ? spec.bindNull("cause", String.class) : spec.bind("cause", rootCause);
    spec = outcome == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", outcome);
    return spec.fetch().rowsUpdated().map(n -> n > 0);
  }

  /** Open, acknowledged and overdue counts per dealer of a brand (optionally one region). */
  Flux<DealerCounts> countsForBrand(
      String brandId, @Nullable String regionId, Instant overdueBefore) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                """
                SELECT a.dealer_id,
                       count(*) FILTER (WHERE a.status = 'OPEN') AS open,
                       count(*) FILTER (WHERE a.status = 'ACKNOWLEDGED') AS acknowledged,
                       count(*) FILTER (WHERE a.created_at < :before) AS overdue
                FROM alert a JOIN dealer d ON d.id = a.dealer_id
                WHERE d.brand_id = :b AND a.status <> 'RESOLVED'
                """
                    + (regionId == null ? "" : " AND d.region_id = :r")
                    + " GROUP BY a.dealer_id ORDER BY overdue DESC, open DESC")
            .bind("b", brandId)
            .bind("before", overdueBefore);
    if (regionId != null) {
      spec = spec.bind("r", regionId);
    }
    return spec.map(row ->
            new DealerCounts(
                row.get("dealer_id", String.class),
                row.get("open", Long.class),
                row.get("acknowledged", Long.class),
                row.get("overdue", Long.class)))
        .all();
  }

  private static Alert alert(Readable row, Instant overdueBefore) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    EventColumns.scores(row).forEach((p, v) -> scores.put(p.name(), v));
    Alert.Status status = Alert.Status.valueOf(row.get("status", String.class));
    Instant created = row.get("created_at", OffsetDateTime.class).toInstant();
    String[] reasons = row.get("reasons", String[].class);
    return new Alert(
        row.get("event_id", UUID.class),
        row.get("dealer_id", String.class),
        created,
        reasons == null ? List.of() : Arrays.asList(reasons),
        status,
        status != Alert.Status.RESOLVED && created.isBefore(overdueBefore),
        instant(row.get("acknowledged_at", OffsetDateTime.class)),
        instant(row.get("resolved_at", OffsetDateTime.class)),
        row.get("note", String.class),
        row.get("stage", String.class),
        row.get("occurred_at", OffsetDateTime.class).toInstant(),
        scores,
        row.get("comment", String.class),
        row.get("channel", String.class),
        row.get("acknowledged_by", String.class),
        row.get("resolved_by", String.class));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
