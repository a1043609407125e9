package io.pulse.privacy;

import io.pulse.security.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Erases one customer from the feedback: the comments they wrote, the staff notes on the alerts
 * their answers raised and on those cases' steps (notes about a customer name them), and the
 * reference itself, so that their answers can no longer be told apart from anybody else's. The
 * scores stay, so every figure stays the same. The erasure and its audit entry are one transaction:
 * there is no erasure without a record of who asked for it, and the record names the customer only
 * by a SHA-256 of the reference, not by the reference that was erased.
 */
@Component
class CustomerErasure {

  /** What one erasure changed. */
  record Erased(long events, long alertNotes) {}

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;

  CustomerErasure(DatabaseClient db, TransactionalOperator tx, AuditLog audit) {
    this.db = db;
    this.tx = tx;
    this.audit = audit;
  }

  Mono<Erased> erase(String customerRef) {
    Mono<Erased> work =
        db.sql(
                """
                WITH erased AS (
                  UPDATE feedback_event SET comment = NULL, customer_ref = NULL
                  WHERE customer_ref = :ref
                  RETURNING event_id),
                notes AS (
                  UPDATE alert SET note = NULL, updated_at = now()
                  WHERE event_id IN (SELECT event_id FROM erased) AND note IS NOT NULL
                  RETURNING event_id),
                steps AS (
                  UPDATE alert_history SET detail = NULL
                  WHERE event_id IN (SELECT event_id FROM erased) AND detail IS NOT NULL
                    AND action <> 'ASSIGNED'
                  RETURNING id)
                SELECT (SELECT count(*) FROM erased) AS events,
                       (SELECT count(*) FROM notes) AS notes,
                       (SELECT count(*) FROM steps) AS steps
                """)
            .bind("ref", customerRef)
            .map(row -> new Erased(row.get("events", Long.class), row.get("notes", Long.class)))
            .one()
            .flatMap(erased ->
                audit
                    .recordCaller(
                        "CUSTOMER_ERASED",
                        "customer sha256:"
                            + sha256(customerRef)
                            + ", "
                            + erased.events()
                            + " answers, "
                            + erased.alertNotes()
                            + " alert notes")
                    .thenReturn(erased));
    return tx.transactional(work);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
