package io.pulse.security;

import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit log in PostgreSQL: who did what, when, from where and with which outcome. Rows are
 * appended only (triggers refuse UPDATE, DELETE and TRUNCATE) and chained: each row's hash covers
 * its fields and the previous row's hash. The database chains appends under a lock (migration V6),
 * so several instances writing at once still make one chain; {@link #verify} recomputes it here,
 * independently of the database's own function, batch by batch.
 */
@Repository
public class AuditLog {

  /** The hash before the first row. */
  static final String GENESIS = "0".repeat(64);

  /** Rows read per query while verifying: memory stays flat however long the log is. */
  static final int VERIFY_BATCH = 1000;

  /** How an audited request ended. */
  public enum Outcome {
    /** Done. */
    OK,
    /** Refused: the caller may not do this (403), or was throttled. */
    DENIED,
    /** Failed: bad credentials, an unknown key. */
    FAILED;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One audited action. */
  public record Entry(
      long id,
      Instant at,
      String actor,
      String action,
      @Nullable String detail,
      @Nullable String source,
      String outcome,
      String prevHash,
      String hash) {}

  /**
   * The result of verifying the whole chain.
   *
   * @param verified every row's hash matches its fields and its predecessor's hash
   * @param checked rows checked (up to the first broken one)
   * @param firstBrokenId the first row whose hash or link does not match; null when verified
   * @param headHash the latest row's hash: written down elsewhere, it also proves that no row was
   *     removed from the end
   */
  public record Verification(
      boolean verified, long checked, @Nullable Long firstBrokenId, @Nullable String headHash) {}

  private static final String COLUMNS =
      "id, at, actor, action, detail, source, outcome, prev_hash, hash";

  private final DatabaseClient db;
  private final Clock clock;

  AuditLog(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Appends an entry from the current request's address. */
  public Mono<Void> record(String actor, String action, @Nullable String detail, Outcome outcome) {
    return ClientAddress.current()
        .flatMap(source -> record(actor, action, detail, source, outcome));
  }

  /** Appends a successful action from the current request's address. */
  public Mono<Void> record(String actor, String action, @Nullable String detail) {
    return record(actor, action, detail, Outcome.OK);
  }

  /** Appends a successful action of the current caller, from the current request's address. */
  public Mono<Void> recordCaller(String action, @Nullable String detail) {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(SecurityContext::getAuthentication)
        .map(Authentication::getName)
        .defaultIfEmpty("anonymous")
        .flatMap(who -> record(who, action, detail));
  }

  /** Appends an entry; the database gives it its id and chains it. */
  public Mono<Void> record(
      String actor,
      String action,
      @Nullable String detail,
      @Nullable String source,
      Outcome outcome) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO audit_log (at, actor, action, detail, source, outcome)"
                    + " VALUES (:at, :actor, :action, :detail, :source, :outcome)")
            .bind("at", clock.instant())
            .bind("actor", clip(actor, 200))
            .bind("action", action)
            .bind("outcome", outcome.column());
    spec =
        detail == null
            ? spec.bindNull("detail", String.class)
            : spec.bind("detail", detail.replace('\0', '?'));
    spec =
        source == null
            ? spec.bindNull("source", String.class)
            : spec.bind("source", clip(source, 100));
    return spec.then();
  }

  /**
   * The latest {@code limit} entries with an id below {@code before} (all when null), newest first.
   */
  public Flux<Entry> latest(int limit, @Nullable Long before) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM audit_log WHERE id < :before ORDER BY id DESC LIMIT :n")
        .bind("before", before == null ? Long.MAX_VALUE : before)
        .bind("n", limit)
        .map(AuditLog::entry)
        .all();
  }

  /** Recomputes the chain from the first row, {@link #VERIFY_BATCH} rows per query. */
  public Mono<Verification> verify() {
    return verify(VERIFY_BATCH);
  }

  /** Recomputes the chain from the first row, {@code batch} rows per query. */
  Mono<Verification> verify(int batch) {
    return verifyAfter(0, GENESIS, 0, batch);
  }

  private Mono<Verification> verifyAfter(long afterId, String prev, long checked, int batch) {
    return db.sql("SELECT " + COLUMNS + " FROM audit_log WHERE id > :after ORDER BY id LIMIT :n")
        .bind("after", afterId)
        .bind("n", batch)
        .map(AuditLog::entry)
        .all()
        .collectList()
        .flatMap(rows -> {
          String link = prev;
          long n = checked;
          for (Entry e : rows) {
            if (!e.prevHash().equals(link) || !e.hash().equals(hash(e))) {
              return Mono.just(new Verification(false, n, e.id(), null));
            }
            link = e.hash();
            n++;
          }
          if (rows.size() < batch) {
            return Mono.just(new Verification(true, n, null, n == 0 ? null : link));
          }
          return verifyAfter(rows.getLast().id(), link, n, batch);
        });
  }

  /**
   * The row's hash as migration V6's {@code audit_row_hash} computes it: fields as {@code <UTF-8
   * length>:<text>} (NULL as {@code -}), the time in microseconds, joined by {@code |}, then the
   * previous hash.
   */
  static String hash(Entry e) {
    long micros =
        Math.addExact(
            Math.multiplyExact(e.at().getEpochSecond(), 1_000_000L), e.at().getNano() / 1000);
    String canonical =
        String.join(
            "|",
            List.of(
                Long.toString(e.id()),
                Long.toString(micros),
                field(e.actor()),
                field(e.action()),
                field(e.detail()),
                field(e.source()),
                field(e.outcome()),
                e.prevHash()));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String field(@Nullable String v) {
    return v == null ? "-" : v.getBytes(StandardCharsets.UTF_8).length + ":" + v;
  }

  /**
   * Values a caller chooses (a user name tried at sign-in) are cut to the column's width, without
   * NUL, which PostgreSQL text cannot hold.
   */
  private static String clip(String v, int max) {
    String clean = v.replace('\0', '?');
    return clean.length() <= max ? clean : clean.substring(0, max);
  }

  private static Entry entry(Readable row) {
    return new Entry(
        row.get("id", Long.class),
        row.get("at", OffsetDateTime.class).toInstant(),
        row.get("actor", String.class),
        row.get("action", String.class),
        row.get("detail", String.class),
        row.get("source", String.class),
        row.get("outcome", String.class),
        row.get("prev_hash", String.class),
        row.get("hash", String.class));
  }
}
