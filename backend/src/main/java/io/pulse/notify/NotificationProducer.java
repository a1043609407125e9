package io.pulse.notify;

import io.pulse.alert.CaseProperties;
import io.pulse.export.ExportFiles;
import io.pulse.export.ExportTable;
import io.pulse.feedback.EventColumns;
import io.pulse.window.PassLease;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finds what is due and queues it in the {@link Outbox}: hot alerts for the dealers' managers,
 * escalations of alerts not resolved within the SLA for the brand's executives, and, from the day's
 * digest time (UTC), each manager's daily digest per dealer and each executive's weekly summary.
 * Only confirmed addresses are chosen: one still pending gets nothing but its confirmation e-mail
 * ({@link AddressConfirmations}). Every query leaves out what is already queued, so a pass after a
 * restart, or on a second instance, queues nothing twice; a pass that was missed (an instance down)
 * is made up by the next, within the SLA for hot alerts.
 */
@Component
class NotificationProducer {

  /** E-mails of one kind queued per pass at most; the next pass takes the rest. */
  static final int PER_PASS = 1000;

  /** How far back escalations look: an alert left open for longer is not escalated again. */
  static final Duration ESCALATION_HORIZON = Duration.ofDays(7);

  private final DatabaseClient db;
  private final Outbox outbox;
  private final NotifyProperties properties;
  private final PassLease lease;
  private final MailTexts texts;
  private final CaseProperties cases;
  private final ExportFiles files;

  NotificationProducer(
      DatabaseClient db,
      Outbox outbox,
      NotifyProperties properties,
      PassLease lease,
      CaseProperties cases,
      ExportFiles files) {
    this.db = db;
    this.outbox = outbox;
    this.properties = properties;
    this.lease = lease;
    this.texts = new MailTexts(properties.uiUrl());
    this.cases = cases;
    this.files = files;
  }

  /** One pass, if this instance takes the period's lease: the number of e-mails queued. */
  Mono<Long> pass(Instant now) {
    return lease
        .take("notify-produce", properties.producePeriod())
        .flatMap(taken -> taken ? produce(now) : Mono.just(0L));
  }

  /** Queues everything due at {@code now}. */
  Mono<Long> produce(Instant now) {
    return Flux.concat(
            hotAlerts(now), escalations(now), digests(now), summaries(now), monthlyReports(now))
        .reduce(0L, Long::sum);
  }

  Mono<Long> hotAlerts(Instant now) {
    return db.sql(
            """
            SELECT a.event_id, a.dealer_id, d.name AS dealer_name, a.reasons, e.stage,
                   e.occurred_at, e.consultation, e.communication, e.visit, e.recommend, e.speed,
                   e.car, e.return_intent, e.comment, s.person, s.email, s.language
            FROM alert a
            JOIN dealer d ON d.id = a.dealer_id
            JOIN feedback_event e ON e.event_id = a.event_id
            JOIN notification_subscriber s
              ON s.role = 'DEALER_MANAGER' AND s.hot_alerts AND s.dealers @> ARRAY[a.dealer_id]::text[]
              AND s.confirmed_at IS NOT NULL
            WHERE a.created_at > :since AND a.status <> 'RESOLVED'
              -- An answer loaded from the past (history) is not hot, however new its alert row.
              AND e.occurred_at > :since
              AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'HOT_ALERT'
                AND o.subject_key = a.event_id::text AND o.person = s.person)
            ORDER BY a.created_at LIMIT :n
            """)
        .bind("since", now.minus(cases.firstContactSla()))
        .bind("n", PER_PASS)
        .map(row ->
            new Outbox.Queued(
                row.get("event_id", UUID.class).toString(),
                text(row, "person"),
                text(row, "email"),
                texts.hotAlert(
                    text(row, "language"),
                    text(row, "dealer_id"),
                    text(row, "dealer_name"),
                    reasons(row),
                    text(row, "stage"),
                    row.get("occurred_at", Instant.class),
                    EventColumns.scores(row),
                    row.get("comment", String.class))))
        .all()
        .collectList()
        .flatMap(mails -> outbox.queue("HOT_ALERT", mails, now));
  }

  Mono<Long> escalations(Instant now) {
    Instant due = now.minus(cases.firstContactSla());
    return db.sql(
            """
            SELECT a.event_id, a.dealer_id, d.name AS dealer_name, a.reasons, a.created_at,
                   a.status, s.person, s.email, s.language
            FROM alert a
            JOIN dealer d ON d.id = a.dealer_id
            JOIN feedback_event e ON e.event_id = a.event_id
            JOIN notification_subscriber s
              ON s.role = 'BRAND_EXECUTIVE' AND s.escalations AND s.brand_id = d.brand_id
              AND s.confirmed_at IS NOT NULL
            WHERE a.status <> 'RESOLVED' AND a.created_at <= :due AND a.created_at > :horizon
              -- Alerts of answers loaded from the past (history) are not escalated.
              AND e.occurred_at > :horizon
              AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'ESCALATION'
                AND o.subject_key = a.event_id::text AND o.person = s.person)
            ORDER BY a.created_at LIMIT :n
            """)
        .bind("due", due)
        .bind("horizon", due.minus(ESCALATION_HORIZON))
        .bind("n", PER_PASS)
        .map(row -> {
          Instant created = row.get("created_at", Instant.class);
          return new Outbox.Queued(
              row.get("event_id", UUID.class).toString(),
              text(row, "person"),
              text(row, "email"),
              texts.escalation(
                  text(row, "language"),
                  text(row, "dealer_id"),
                  text(row, "dealer_name"),
                  reasons(row),
                  created,
                  text(row, "status"),
                  Duration.between(created, now).toHours()));
        })
        .all()
        .collectList()
        .flatMap(mails -> outbox.queue("ESCALATION", mails, now));
  }

  /** From today's digest time on: each manager's digest of each of their dealers, once a day. */
  Mono<Long> digests(Instant now) {
    Instant to = digestTime(now);
    if (to == null) {
      return Mono.just(0L);
    }
    LocalDate day = LocalDate.ofInstant(to, ZoneOffset.UTC);
    Instant from = to.minus(Duration.ofDays(1));
    return db.sql(
            """
            SELECT s.person, s.email, s.language, d.id AS dealer_id, d.name AS dealer_name,
                   f.responses, f.promoters, f.detractors, al.new_alerts, al.open, al.overdue
            FROM notification_subscriber s
            CROSS JOIN LATERAL unnest(s.dealers) AS x(dealer_id)
            JOIN dealer d ON d.id = x.dealer_id
            CROSS JOIN LATERAL (
              SELECT count(*) AS responses,
                     count(*) FILTER (WHERE e.recommend >= 9) AS promoters,
                     count(*) FILTER (WHERE e.recommend <= 6) AS detractors
              FROM feedback_event e
              WHERE e.dealer_id = d.id AND e.occurred_at >= :from AND e.occurred_at < :to) f
            CROSS JOIN LATERAL (
              SELECT count(*) FILTER (WHERE a.created_at >= :from AND a.created_at < :to)
                       AS new_alerts,
                     count(*) FILTER (WHERE a.status <> 'RESOLVED') AS open,
                     count(*) FILTER (WHERE a.status <> 'RESOLVED' AND a.created_at < :due)
                       AS overdue
              FROM alert a WHERE a.dealer_id = d.id) al
            WHERE s.role = 'DEALER_MANAGER' AND s.daily_digest AND s.confirmed_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'DAILY_DIGEST'
                AND o.subject_key = d.id || ':' || :day AND o.person = s.person)
            LIMIT :n
            """)
        .bind("from", from)
        .bind("to", to)
        .bind("due", to.minus(cases.firstContactSla()))
        .bind("day", day.toString())
        .bind("n", PER_PASS)
        .map(row ->
            new Outbox.Queued(
                text(row, "dealer_id") + ":" + day,
                text(row, "person"),
                text(row, "email"),
                texts.dailyDigest(
                    text(row, "language"),
                    text(row, "dealer_id"),
                    text(row, "dealer_name"),
                    to,
                    count(row, "responses"),
                    count(row, "promoters"),
                    count(row, "detractors"),
                    count(row, "new_alerts"),
                    count(row, "open"),
                    count(row, "overdue"))))
        .all()
        .collectList()
        .flatMap(mails -> outbox.queue("DAILY_DIGEST", mails, now));
  }

  /** On the summary day, from its digest time on: each executive's week of their brand. */
  Mono<Long> summaries(Instant now) {
    Instant to = digestTime(now);
    if (to == null
        || LocalDate.ofInstant(to, ZoneOffset.UTC).getDayOfWeek() != properties.summaryDay()) {
      return Mono.just(0L);
    }
    LocalDate day = LocalDate.ofInstant(to, ZoneOffset.UTC);
    Instant from = to.minus(Duration.ofDays(7));
    String week = LocalDate.ofInstant(from, ZoneOffset.UTC) + " – " + day;
    return db.sql(
            """
            SELECT s.person, s.email, s.language, b.id AS brand_id, b.name AS brand_name,
                   f.responses, f.promoters, f.detractors, al.new_alerts, al.resolved, al.overdue
            FROM notification_subscriber s
            JOIN brand b ON b.id = s.brand_id
            CROSS JOIN LATERAL (
              SELECT count(*) AS responses,
                     count(*) FILTER (WHERE e.recommend >= 9) AS promoters,
                     count(*) FILTER (WHERE e.recommend <= 6) AS detractors
              FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id
              WHERE d.brand_id = b.id AND e.occurred_at >= :from AND e.occurred_at < :to) f
            CROSS JOIN LATERAL (
              SELECT count(*) FILTER (WHERE a.created_at >= :from AND a.created_at < :to)
                       AS new_alerts,
                     count(*) FILTER (WHERE a.resolved_at >= :from AND a.resolved_at < :to)
                       AS resolved,
                     count(*) FILTER (WHERE a.status <> 'RESOLVED' AND a.created_at < :due)
                       AS overdue
              FROM alert a JOIN dealer d ON d.id = a.dealer_id WHERE d.brand_id = b.id) al
            WHERE s.role = 'BRAND_EXECUTIVE' AND s.weekly_summary AND s.confirmed_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'WEEKLY_SUMMARY'
                AND o.subject_key = b.id || ':' || :day AND o.person = s.person)
            LIMIT :n
            """)
        .bind("from", from)
        .bind("to", to)
        .bind("due", to.minus(cases.firstContactSla()))
        .bind("day", day.toString())
        .bind("n", PER_PASS)
        .map(row ->
            new Outbox.Queued(
                text(row, "brand_id") + ":" + day,
                text(row, "person"),
                text(row, "email"),
                texts.weeklySummary(
                    text(row, "language"),
                    text(row, "brand_id"),
                    text(row, "brand_name"),
                    week,
                    count(row, "responses"),
                    count(row, "promoters"),
                    count(row, "detractors"),
                    count(row, "new_alerts"),
                    count(row, "resolved"),
                    count(row, "overdue"))))
        .all()
        .collectList()
        .flatMap(mails -> outbox.queue("WEEKLY_SUMMARY", mails, now));
  }

  /**
   * On the first of a month, from the digest time: each executive who takes the summaries gets the
   * last month of their brand as an XLSX file, one row per dealer.
   */
  Mono<Long> monthlyReports(Instant now) {
    Instant to = digestTime(now);
    if (to == null || LocalDate.ofInstant(to, ZoneOffset.UTC).getDayOfMonth() != 1) {
      return Mono.just(0L);
    }
    LocalDate first = LocalDate.ofInstant(to, ZoneOffset.UTC).minusMonths(1);
    String month = first.toString().substring(0, 7);
    Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return db.sql(
            """
            SELECT s.person, s.email, s.language, b.id AS brand_id, b.name AS brand_name
            FROM notification_subscriber s JOIN brand b ON b.id = s.brand_id
            WHERE s.role = 'BRAND_EXECUTIVE' AND s.weekly_summary AND s.confirmed_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.kind = 'MONTHLY_REPORT'
                AND o.subject_key = b.id || ':' || :month AND o.person = s.person)
            ORDER BY b.id LIMIT :n
            """)
        .bind("month", month)
        .bind("n", PER_PASS)
        .map(row ->
            new Outbox.Queued(
                text(row, "brand_id") + ":" + month,
                text(row, "person"),
                text(row, "email"),
                texts.monthlyReport(
                    text(row, "language"), text(row, "brand_id"), text(row, "brand_name"), month)))
        .all()
        .collectList()
        .flatMapMany(mails ->
            Flux.fromIterable(mails)
                .groupBy(m -> m.subjectKey().substring(0, m.subjectKey().lastIndexOf(':')))
                .concatMap(brand ->
                    reportOf(brand.key(), month, from, until)
                        .flatMapMany(file ->
                            brand.concatMap(
                                m -> outbox.queueWithAttachment("MONTHLY_REPORT", m, file, now)))))
        .filter(Boolean::booleanValue)
        .count();
  }

  /** The month of a brand, one row per dealer, as an XLSX file (POI off the event loop). */
  Mono<Outbox.Attachment> reportOf(String brandId, String month, Instant from, Instant until) {
    return db.sql(
            """
            SELECT d.id, d.name, r.name AS region,
                   count(e.event_id) AS answers,
                   count(e.event_id) FILTER (WHERE e.recommend >= 9) AS promoters,
                   count(e.event_id) FILTER (WHERE e.recommend <= 6) AS detractors,
                   (SELECT count(*) FROM alert a WHERE a.dealer_id = d.id
                      AND a.created_at >= :from AND a.created_at < :until) AS alerts,
                   (SELECT count(*) FROM alert a WHERE a.dealer_id = d.id
                      AND a.created_at >= :from AND a.created_at < :until
                      AND a.resolved_at IS NOT NULL) AS resolved
            FROM dealer d JOIN region r ON r.id = d.region_id
            LEFT JOIN feedback_event e ON e.dealer_id = d.id
              AND e.occurred_at >= :from AND e.occurred_at < :until
            WHERE d.brand_id = :b
            GROUP BY d.id, d.name, r.name ORDER BY r.name, d.name
            """)
        .bind("b", brandId)
        .bind("from", from)
        .bind("until", until)
        .map(row -> {
          long answers = count(row, "answers");
          long promoters = count(row, "promoters");
          long detractors = count(row, "detractors");
          Double nps =
              answers == 0 ? null : Math.round(1000.0 * (promoters - detractors) / answers) / 10.0;
          return java.util.Arrays.<@Nullable Object>asList(
              text(row, "id"),
              text(row, "name"),
              text(row, "region"),
              answers,
              promoters,
              detractors,
              nps,
              count(row, "alerts"),
              count(row, "resolved"));
        })
        .all()
        .collectList()
        .publishOn(Schedulers.boundedElastic())
        .map(rows ->
            new Outbox.Attachment(
                "pulse-" + brandId + "-" + month + ".xlsx",
                files.xlsxBytes(
                    new ExportTable(
                        brandId + " " + month,
                        List.of(
                            "dealerId",
                            "dealer",
                            "region",
                            "answers",
                            "promoters",
                            "detractors",
                            "nps",
                            "alerts",
                            "resolved"),
                        Flux.fromIterable(rows)))));
  }

  /** Today's digest time, once it has come; null before it. */
  @Nullable Instant digestTime(Instant now) {
    Instant today =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .atTime(properties.digestTime())
            .toInstant(ZoneOffset.UTC);
    return now.isBefore(today) ? null : today;
  }

  private static String text(Readable row, String column) {
    String v = row.get(column, String.class);
    return v == null ? "" : v;
  }

  private static long count(Readable row, String column) {
    Long v = row.get(column, Long.class);
    return v == null ? 0 : v;
  }

  private static List<String> reasons(Readable row) {
    String[] reasons = row.get("reasons", String[].class);
    return reasons == null ? List.of() : Arrays.asList(reasons);
  }
}
