package io.pulse.notify;

import io.pulse.system.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Double opt-in of notification addresses: a new or changed address is pending, and gets one
 * confirmation e-mail through the {@link Outbox} (so retries and failure reporting are those of
 * every e-mail); the link in it confirms the address, once, within {@code
 * pulse.notify.confirmation-validity}. Until then the address gets nothing else. The link's token
 * is made when the e-mail is sent and kept only as its SHA-256.
 *
 * <p>Whoever types an address may be a stranger to its owner, so confirmation e-mails are limited
 * per person: one per {@code confirmation-interval} and {@code confirmations-per-day} in 24 hours,
 * counted from the outbox, which keeps its rows when a person unsubscribes.
 */
@Component
class AddressConfirmations {

  /** The outbox kind of a confirmation e-mail. */
  static final String KIND = "CONFIRMATION";

  /** A confirmed address and whose it is. */
  record Confirmed(String person, String email) {}

  private final DatabaseClient db;
  private final Outbox outbox;
  private final NotifyProperties properties;
  private final MailTexts texts;

  AddressConfirmations(DatabaseClient db, Outbox outbox, NotifyProperties properties) {
    this.db = db;
    this.outbox = outbox;
    this.properties = properties;
    this.texts = new MailTexts(properties.uiUrl());
  }

  /**
   * Queues a confirmation e-mail to {@code email}, the person's pending address, or refuses with
   * 429 when the person's limit is reached. Runs in the transaction that holds the person's lock
   * ({@link Subscriptions}), so two requests at once cannot both pass the limit.
   */
  Mono<Void> request(String person, String email, String language, Instant now) {
    return waitBeforeNext(person, now)
        .flatMap(wait ->
            wait.isPositive()
                ? Mono.error(
                    new TooManyRequestsException(
                        ("Pulse sends a person one confirmation e-mail per %s and at most %d a"
                                + " day, so that nobody can flood an address; nothing was changed."
                                + " Retry in %d seconds.")
                            .formatted(
                                words(properties.confirmationInterval()),
                                properties.confirmationsPerDay(),
                                seconds(wait)),
                        seconds(wait)))
                : outbox
                    .queue(
                        KIND,
                        List.of(
                            new Outbox.Queued(
                                UUID.randomUUID().toString(),
                                person,
                                email,
                                texts.confirmation(language, properties.confirmationValidity()))),
                        now)
                    .then(
                        db.sql(
                                "UPDATE notification_subscriber SET confirmation_sent_at = :now"
                                    + " WHERE person = :p")
                            .bind("now", now)
                            .bind("p", person)
                            .then()));
  }

  /** How long the person must wait before another confirmation e-mail; zero or less: none. */
  private Mono<Duration> waitBeforeNext(String person, Instant now) {
    return db.sql(
            """
            SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last
            FROM notification_outbox
            WHERE kind = 'CONFIRMATION' AND person = :p AND created_at > :since
            """)
        .bind("p", person)
        .bind("since", now.minus(Duration.ofDays(1)))
        .map(row -> {
          Long n = row.get("n", Long.class);
          Instant first = row.get("first", Instant.class);
          Instant last = row.get("last", Instant.class);
          Duration wait = Duration.ZERO;
          if (last != null) {
            wait = max(wait, Duration.between(now, last.plus(properties.confirmationInterval())));
          }
          if (first != null && n != null && n >= properties.confirmationsPerDay()) {
            // The oldest of the day leaving the 24 hours frees one.
            wait = max(wait, Duration.between(now, first.plus(Duration.ofDays(1))));
          }
          return wait;
        })
        .one();
  }

  /**
   * Makes the link of a claimed confirmation e-mail: a fresh token, its hash stored for the
   * person's pending address. Empty when {@code m}'s address is no longer pending (changed, removed
   * or confirmed since it was queued): it must not be sent. Other e-mails pass unchanged.
   */
  Mono<Optional<Outbox.Claimed>> withLink(Outbox.Claimed m, Instant now) {
    if (!KIND.equals(m.kind())) {
      return Mono.just(Optional.of(m));
    }
    ConfirmationToken token = ConfirmationToken.random();
    return mint(m.person(), m.email(), token, now)
        .map(minted ->
            minted
                ? Optional.of(
                    new Outbox.Claimed(
                        m.id(),
                        m.kind(),
                        m.person(),
                        m.email(),
                        m.subject(),
                        m.body()
                            .replace(MailTexts.CONFIRMATION_LINK, texts.confirmationLink(token)),
                        m.attempts(),
                        m.attachmentName(),
                        m.attachment()))
                : Optional.empty());
  }

  /**
   * Stores {@code token}'s hash for {@code email} if it is still the person's pending address; an
   * earlier link of theirs stops working.
   */
  Mono<Boolean> mint(String person, String email, ConfirmationToken token, Instant now) {
    return db.sql(
            """
            UPDATE notification_subscriber
            SET confirmation_hash = :hash, confirmation_expires_at = :until
            WHERE person = :p AND email = :email AND confirmed_at IS NULL
            """)
        .bind("hash", token.hash())
        .bind("until", now.plus(properties.confirmationValidity()))
        .bind("p", person)
        .bind("email", email)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /**
   * Confirms the pending address whose link carries {@code token}, if that link is the latest,
   * unused and not expired; empty otherwise, whatever the reason (nothing tells a caller whether
   * the token was ever someone's). One statement: a link opened twice at once confirms once.
   */
  Mono<Confirmed> confirm(ConfirmationToken token, Instant now) {
    return db.sql(
            """
            UPDATE notification_subscriber
            SET confirmed_at = :now, confirmation_hash = NULL, confirmation_expires_at = NULL
            WHERE confirmation_hash = :hash AND confirmed_at IS NULL
              AND confirmation_expires_at > :now
            RETURNING person, email
            """)
        .bind("now", now)
        .bind("hash", token.hash())
        .map(row ->
            new Confirmed(
                String.valueOf(row.get("person", String.class)),
                String.valueOf(row.get("email", String.class))))
        .one();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static String words(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
