package io.pulse.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The notification outbox in PostgreSQL: e-mails are queued here first and sent from here, so a
 * restart loses none, and the (kind, subject, person) key queues each one once however often a
 * producer runs. A sender claims rows for a lease; if it dies before it has marked them, they come
 * due again when the lease ends — at least once, not exactly once.
 */
@Component
class Outbox {

  /** An e-mail to queue. */
  record Queued(String subjectKey, String person, String email, Mail mail) {}

  /** A file sent with an e-mail. */
  record Attachment(String name, byte[] bytes) {}

  /** An e-mail claimed for sending, on its {@code attempts}-th try. */
  record Claimed(
      long id,
      String kind,
      String person,
      String email,
      String subject,
      String body,
      int attempts,
      @Nullable String attachmentName,
      byte @Nullable [] attachment) {}

  /** How long a claim holds a row before another sender may take it. */
  static final Duration CLAIM = Duration.ofMinutes(2);

  /**
   * Whether row {@code o} still goes where its person wants e-mail now: to their current address,
   * which must be confirmed for everything but the confirmation e-mail, and pending for that one.
   * An e-mail queued before the person changed or removed their address is never sent to it, and an
   * unconfirmed address gets nothing but its confirmation.
   */
  private static final String TO_CURRENT_ADDRESS =
      """
      EXISTS (SELECT 1 FROM notification_subscriber s WHERE s.person = o.person
        AND s.email = o.email AND (s.confirmed_at IS NULL) = (o.kind = 'CONFIRMATION'))
      """;

  /** What a withdrawn e-mail's row says instead of an SMTP error. */
  static final String WITHDRAWN =
      "withdrawn unsent: no longer the person's address, or not confirmed (for a confirmation:"
          + " no longer pending)";

  private final DatabaseClient db;

  Outbox(DatabaseClient db) {
    this.db = db;
  }

  /** Queues {@code mails} of {@code kind} in one statement; the number newly queued. */
  Mono<Long> queue(String kind, List<Queued> mails, Instant now) {
    if (mails.isEmpty()) {
      return Mono.just(0L);
    }
    return db.sql(
            """
            INSERT INTO notification_outbox
              (kind, subject_key, person, email, subject, body, created_at, next_attempt_at)
            SELECT :kind, k, p, e, s, b, :now, :now
            FROM unnest(:keys::text[], :persons::text[], :emails::text[], :subjects::text[],
                        :bodies::text[]) AS m(k, p, e, s, b)
            ON CONFLICT ON CONSTRAINT notification_once DO NOTHING
            """)
        .bind("kind", kind)
        .bind("now", now)
        .bind("keys", mails.stream().map(Queued::subjectKey).toArray(String[]::new))
        .bind("persons", mails.stream().map(Queued::person).toArray(String[]::new))
        .bind("emails", mails.stream().map(Queued::email).toArray(String[]::new))
        .bind("subjects", mails.stream().map(m -> m.mail().subject()).toArray(String[]::new))
        .bind("bodies", mails.stream().map(m -> m.mail().body()).toArray(String[]::new))
        .fetch()
        .rowsUpdated();
  }

  /** Queues one e-mail with its attachment; true when newly queued. */
  Mono<Boolean> queueWithAttachment(String kind, Queued mail, Attachment file, Instant now) {
    return db.sql(
            """
            INSERT INTO notification_outbox
              (kind, subject_key, person, email, subject, body, created_at, next_attempt_at,
               attachment_name, attachment)
            VALUES (:kind, :k, :p, :e, :s, :b, :now, :now, :an, :a)
            ON CONFLICT ON CONSTRAINT notification_once DO NOTHING
            """)
        .bind("kind", kind)
        .bind("k", mail.subjectKey())
        .bind("p", mail.person())
        .bind("e", mail.email())
        .bind("s", mail.mail().subject())
        .bind("b", mail.mail().body())
        .bind("now", now)
        .bind("an", file.name())
        .bind("a", java.nio.ByteBuffer.wrap(file.bytes()))
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /**
   * Claims up to {@code n} due e-mails, oldest due first, skipping rows others hold and rows that
   * no longer go to their person's current address (see {@link #withdrawStale}).
   */
  Flux<Claimed> claim(int n, Instant now) {
    return db.sql(
            """
            UPDATE notification_outbox SET next_attempt_at = :lease, attempts = attempts + 1
            WHERE id IN (
              SELECT o.id FROM notification_outbox o
              WHERE o.sent_at IS NULL AND o.given_up_at IS NULL AND o.next_attempt_at <= :now
                AND %s
              ORDER BY o.next_attempt_at LIMIT :n FOR UPDATE OF o SKIP LOCKED)
            RETURNING id, kind, person, email, subject, body, attempts, attachment_name, attachment
            """
                .formatted(TO_CURRENT_ADDRESS))
        .bind("lease", now.plus(CLAIM))
        .bind("now", now)
        .bind("n", n)
        .map(row ->
            new Claimed(
                row.get("id", Long.class),
                row.get("kind", String.class),
                row.get("person", String.class),
                row.get("email", String.class),
                row.get("subject", String.class),
                row.get("body", String.class),
                row.get("attempts", Integer.class),
                row.get("attachment_name", String.class),
                bytes(row.get("attachment", java.nio.ByteBuffer.class))))
        .all();
  }

  private static byte @Nullable [] bytes(java.nio.@Nullable ByteBuffer b) {
    if (b == null) {
      return null;
    }
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /**
   * Gives up, unsent, every due e-mail whose person changed or removed the address it was queued
   * for, or whose address is not confirmed (or, for a confirmation, is confirmed already): the
   * number withdrawn. A row another sender holds is left to it; {@link #claim} skips the rest.
   */
  Mono<Long> withdrawStale(Instant now) {
    return db.sql(
            """
            UPDATE notification_outbox o SET given_up_at = :now, last_error = :why
            WHERE o.sent_at IS NULL AND o.given_up_at IS NULL AND o.next_attempt_at <= :now
              AND NOT %s
            """
                .formatted(TO_CURRENT_ADDRESS))
        .bind("now", now)
        .bind("why", WITHDRAWN)
        .fetch()
        .rowsUpdated();
  }

  /** Gives up one claimed e-mail, unsent, as {@link #withdrawStale} does. */
  Mono<Void> withdraw(long id, Instant now) {
    return db.sql(
            "UPDATE notification_outbox SET given_up_at = :now, last_error = :why WHERE id = :id")
        .bind("now", now)
        .bind("why", WITHDRAWN)
        .bind("id", id)
        .then();
  }

  Mono<Void> sent(long id, Instant now) {
    return db.sql("UPDATE notification_outbox SET sent_at = :now, last_error = NULL WHERE id = :id")
        .bind("now", now)
        .bind("id", id)
        .then();
  }

  /** A failed try: due again at {@code retryAt}, or given up when that is null. */
  Mono<Void> failed(long id, String error, Instant now, Instant retryAt, boolean giveUp) {
    return db.sql(
            "UPDATE notification_outbox SET last_error = :error, next_attempt_at = :retry,"
                + " given_up_at = CASE WHEN :giveUp THEN :now::timestamptz END WHERE id = :id")
        .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .bind("retry", retryAt)
        .bind("giveUp", giveUp)
        .bind("now", now)
        .bind("id", id)
        .then();
  }

  /** E-mails neither sent nor given up. */
  Mono<Long> waiting() {
    return db.sql(
            "SELECT count(*) AS n FROM notification_outbox"
                + " WHERE sent_at IS NULL AND given_up_at IS NULL")
        .map(row -> row.get("n", Long.class))
        .one();
  }
}
