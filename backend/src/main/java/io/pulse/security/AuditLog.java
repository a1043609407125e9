package io.pulse.security;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit log of admin actions in PostgreSQL. */
@Repository
public class AuditLog {

  /** One audited action. */
  public record Entry(long id, Instant at, String actor, String action, @Nullable String detail) {}

  private final DatabaseClient db;
  private final Clock clock;

  AuditLog(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Mono<Void> record(String actor, String action, @Nullable String detail) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (:at, :actor, :action, :detail)")
            .bind("at", clock.instant())
            .bind("actor", actor)
            .bind("action", action);
    spec = detail == null ? spec.bindNull("detail", String.class) : spec.bind("detail", detail);
    return spec.then();
  }

  public Flux<Entry> latest(int limit) {
    return db.sql("SELECT id, at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT :n")
        .bind("n", limit)
        .map(row ->
            new Entry(
                row.get("id", Long.class),
                row.get("at", OffsetDateTime.class).toInstant(),
                row.get("actor", String.class),
                row.get("action", String.class),
                row.get("detail", String.class)))
        .all();
  }
}
