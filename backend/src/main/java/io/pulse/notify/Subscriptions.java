package io.pulse.notify;

import io.pulse.api.Subscription;
import io.pulse.security.PulseUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The subscribers table: one row per person who gave an address, and whether that address is
 * confirmed ({@link AddressConfirmations}). Changes run in the caller's transaction, under a lock
 * per person, so that what they read of the row is still true when they write it.
 */
@Component
class Subscriptions {

  /** The address a person has now and whether it is confirmed. */
  private record Current(String email, String language, boolean confirmed) {}

  private final DatabaseClient db;
  private final AddressConfirmations confirmations;
  private final Clock clock;

  Subscriptions(DatabaseClient db, AddressConfirmations confirmations, Clock clock) {
    this.db = db;
    this.confirmations = confirmations;
    this.clock = clock;
  }

  Mono<Subscription> of(String person) {
    return db.sql(
            """
            SELECT email, language, hot_alerts, daily_digest, weekly_summary, escalations,
                   confirmed_at, confirmation_sent_at
            FROM notification_subscriber WHERE person = :p
            """)
        .bind("p", person)
        .map(row ->
            new Subscription(
                row.get("email", String.class),
                String.valueOf(row.get("language", String.class)),
                Boolean.TRUE.equals(row.get("hot_alerts", Boolean.class)),
                Boolean.TRUE.equals(row.get("daily_digest", Boolean.class)),
                Boolean.TRUE.equals(row.get("weekly_summary", Boolean.class)),
                Boolean.TRUE.equals(row.get("escalations", Boolean.class)),
                row.get("confirmed_at", Instant.class) == null
                    ? Subscription.AddressStatus.PENDING
                    : Subscription.AddressStatus.CONFIRMED,
                row.get("confirmation_sent_at", Instant.class)))
        .one()
        .defaultIfEmpty(Subscription.none());
  }

  /**
   * Saves {@code s} for {@code user}, with the role, brand and dealers they have now. A new or
   * changed address is pending and gets a confirmation e-mail (429 when the person's limit is
   * reached); the same address keeps its state, so re-saving the choices neither unconfirms it nor
   * mails it again. True when a confirmation e-mail was queued. Run in a transaction.
   */
  Mono<Boolean> save(PulseUser user, Subscription s) {
    Instant now = clock.instant();
    String email = String.valueOf(s.email());
    return lock(user.name())
        .then(current(user.name()))
        .flatMap(current -> {
          boolean changed = current.map(c -> !c.email().equals(email)).orElse(true);
          Mono<Void> upsert = upsert(user, s, email, changed, now);
          return changed
              ? upsert
                  .then(confirmations.request(user.name(), email, s.language(), now))
                  .thenReturn(true)
              : upsert.thenReturn(false);
        });
  }

  /**
   * Queues the confirmation e-mail again for the person's pending address (429 when their limit is
   * reached): false when there is none, because they have no address or it is confirmed. Run in a
   * transaction.
   */
  Mono<Boolean> resend(String person) {
    Instant now = clock.instant();
    return lock(person)
        .then(current(person))
        .flatMap(current ->
            current.isEmpty() || current.get().confirmed()
                ? Mono.just(false)
                : confirmations
                    .request(person, current.get().email(), current.get().language(), now)
                    .thenReturn(true));
  }

  /** Forgets the person's address: nothing more is queued for them, nor sent from the queue. */
  Mono<Boolean> remove(String person) {
    return db.sql("DELETE FROM notification_subscriber WHERE person = :p")
        .bind("p", person)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /** Until the transaction ends; also for a person who has no row yet to lock. */
  private Mono<Void> lock(String person) {
    return db.sql(
            "SELECT pg_advisory_xact_lock(hashtextextended('notification_subscriber:' || :p, 0))")
        .bind("p", person)
        .then();
  }

  private Mono<Optional<Current>> current(String person) {
    return db.sql(
            "SELECT email, language, confirmed_at FROM notification_subscriber WHERE person = :p")
        .bind("p", person)
        .map(row ->
            new Current(
                String.valueOf(row.get("email", String.class)),
                String.valueOf(row.get("language", String.class)),
                row.get("confirmed_at", Instant.class) != null))
        .one()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty());
  }

  private Mono<Void> upsert(
      PulseUser user, Subscription s, String email, boolean changed, Instant now) {
    // A changed address starts over: unconfirmed, and any link mailed to the old one is void.
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
                  escalations = EXCLUDED.escalations, updated_at = EXCLUDED.updated_at,
                  confirmed_at = CASE WHEN :changed THEN NULL
                    ELSE notification_subscriber.confirmed_at END,
                  confirmation_hash = CASE WHEN :changed THEN NULL
                    ELSE notification_subscriber.confirmation_hash END,
                  confirmation_expires_at = CASE WHEN :changed THEN NULL
                    ELSE notification_subscriber.confirmation_expires_at END,
                  confirmation_sent_at = CASE WHEN :changed THEN NULL
                    ELSE notification_subscriber.confirmation_sent_at END
                """)
            .bind("p", user.name())
            .bind("email", email)
            .bind("lang", s.language())
            .bind("role", user.role().name())
            .bind("dealers", user.dealerIds().stream().sorted().toArray(String[]::new))
            .bind("hot", s.hotAlerts())
            .bind("daily", s.dailyDigest())
            .bind("weekly", s.weeklySummary())
            .bind("esc", s.escalations())
            .bind("changed", changed)
            .bind("at", now);
    String brand = user.brandId();
    return (brand == null ? spec.bindNull("brand", String.class) : spec.bind("brand", brand))
        .then();
  }
}
