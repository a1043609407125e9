package io.pulse.alert;

import io.pulse.api.AlertCase;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every step taken on a case, with who took it: rows are added, never changed. */
@Component
class CaseHistory {

  private final DatabaseClient db;
  private final Clock clock;

  CaseHistory(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Adds a step by the current caller. */
  Mono<Void> record(UUID eventId, String action, @Nullable String detail) {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(SecurityContext::getAuthentication)
        .map(Authentication::getName)
        .defaultIfEmpty("anonymous")
        .flatMap(actor -> {
          DatabaseClient.GenericExecuteSpec spec =
              db.sql(
                      "INSERT INTO alert_history (event_id, at, actor, action, detail)"
                          + " VALUES (:id, :at, :actor, :action, :detail)")
                  .bind("id", eventId)
                  .bind("at", clock.instant())
                  .bind("actor", actor.length() > 200 ? actor.substring(0, 200) : actor)
                  .bind("action", action);
          return (detail == null
                  ? spec.bindNull("detail", String.class)
                  : spec.bind("detail", detail))
              .then();
        });
  }

  Flux<AlertCase.Step> of(UUID eventId) {
    return db.sql(
            "SELECT at, actor, action, detail FROM alert_history WHERE event_id = :id ORDER BY id")
        .bind("id", eventId)
        .map(row ->
            new AlertCase.Step(
                row.get("at", java.time.OffsetDateTime.class).toInstant(),
                row.get("actor", String.class),
                row.get("action", String.class),
                row.get("detail", String.class)))
        .all();
  }
}
