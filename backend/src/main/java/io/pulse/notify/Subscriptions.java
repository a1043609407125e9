package io.pulse.notify;

import io.pulse.api.Subscription;
import io.pulse.security.PulseUser;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The subscribers table: one row per person who gave an address. */
@Component
class Subscriptions {

  private final DatabaseClient db;
  private final Clock clock;

  Subscriptions(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Mono<Subscription> of(String person) {
    return db.sql(
            "SELECT email, language, hot_alerts, daily_digest, weekly_summary, escalations"
                + " FROM notification_subscriber WHERE person = :p")
        .bind("p", person)
        .map(row ->
            new Subscription(
                row.get("email", String.class),
                row.get("language", String.class),
                Boolean.TRUE.equals(row.get("hot_alerts", Boolean.class)),
                Boolean.TRUE.equals(row.get("daily_digest", Boolean.class)),
                Boolean.TRUE.equals(row.get("weekly_summary", Boolean.class)),
                Boolean.TRUE.equals(row.get("escalations", Boolean.class))))
        .one()
        .defaultIfEmpty(Subscription.none());
  }

  /** Saves {@code s} for {@code user}, with the role, brand and dealers they have now. */
  Mono<Void> save(PulseUser user, Subscription s) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                """
                INSERT INTO notification_subscriber (person, email, language, role, brand_id, dealers,
                  hot_alerts, daily_digest, weekly_summary, escalations, updated_at)
                VALUES (:p, :email, :lang, :role, :brand, :dealers, :hot, :daily, :weekly, :esc, :at)
                ON CONFLICT (person) DO UPDATE SET email = EXCLUDED.email,
                  language = EXCLUDED.language, role = EXCLUDED.role, brand_id = EXCLUDED.brand_id,
                  dealers = EXCLUDED.dealers, hot_alerts = EXCLUDED.hot_alerts,
                  daily_digest = EXCLUDED.daily_digest, weekly_summary = EXCLUDED.weekly_summary,
                  escalations = EXCLUDED.escalations, updated_at = EXCLUDED.updated_at
                """)
            .bind("p", user.name())
            .bind("email", String.valueOf(s.email()))
            .bind("lang", s.language())
            .bind("role", user.role().name())
            .bind("dealers", user.dealerIds().stream().sorted().toArray(String[]::new))
            .bind("hot", s.hotAlerts())
            .bind("daily", s.dailyDigest())
            .bind("weekly", s.weeklySummary())
            .bind("esc", s.escalations())
            .bind("at", clock.instant());
    String brand = user.brandId();
    return (brand == null ? spec.bindNull("brand", String.class) : spec.bind("brand", brand))
        .then();
  }

  /** Forgets the person's address: nothing more is queued for them. */
  Mono<Boolean> remove(String person) {
    return db.sql("DELETE FROM notification_subscriber WHERE person = :p")
        .bind("p", person)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }
}
