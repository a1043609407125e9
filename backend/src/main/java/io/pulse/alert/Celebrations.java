package io.pulse.alert;

import io.pulse.api.Celebration;
import io.pulse.api.JourneyStage;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Promoters (RECOMMEND 9–10) who wrote a comment, and who thanked them. */
@Repository
class Celebrations {

  private static final String SELECT =
      """
      SELECT f.event_id, f.dealer_id, f.stage, f.occurred_at, f.recommend, f.comment,
             t.thanked_by, t.thanked_at
      FROM feedback_event f LEFT JOIN celebration_thanks t ON t.event_id = f.event_id
      WHERE f.recommend >= 9 AND f.comment IS NOT NULL
      """;

  private final DatabaseClient db;

  Celebrations(DatabaseClient db) {
    this.db = db;
  }

  /** A dealer's since {@code since}, newest first. */
  Flux<Celebration> forDealer(String dealerId, Instant since, int limit) {
    return db.sql(
            SELECT
                + " AND f.dealer_id = :d AND f.occurred_at >= :since"
                + " ORDER BY f.occurred_at DESC LIMIT :n")
        .bind("d", dealerId)
        .bind("since", since)
        .bind("n", limit)
        .map(Celebrations::celebration)
        .all();
  }

  Mono<Celebration> find(UUID eventId) {
    return db.sql(SELECT + " AND f.event_id = :id")
        .bind("id", eventId)
        .map(Celebrations::celebration)
        .one();
  }

  /** Records the thanks; the first one stays. True when this call recorded it. */
  Mono<Boolean> thank(UUID eventId, String dealerId, String by, Instant at) {
    return db.sql(
            "INSERT INTO celebration_thanks (event_id, dealer_id, thanked_by, thanked_at)"
                + " VALUES (:id, :d, :by, :at) ON CONFLICT (event_id) DO NOTHING")
        .bind("id", eventId)
        .bind("d", dealerId)
        .bind("by", by.length() > 200 ? by.substring(0, 200) : by)
        .bind("at", at)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  private static Celebration celebration(Readable row) {
    return new Celebration(
        row.get("event_id", UUID.class),
        row.get("dealer_id", String.class),
        JourneyStage.valueOf(row.get("stage", String.class)),
        row.get("occurred_at", OffsetDateTime.class).toInstant(),
        row.get("recommend", Short.class),
        row.get("comment", String.class),
        row.get("thanked_by", String.class),
        instant(row.get("thanked_at", OffsetDateTime.class)));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
