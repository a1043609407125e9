package io.pulse.history;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.feedback.DealerDays;
import io.pulse.feedback.EventColumns;
import io.pulse.index.Tally;
import io.pulse.window.RebuildPart;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Recomputes {@code dealer_day} from {@code feedback_event}, a few dealers at a time, as part of
 * the full rebuild.
 *
 * <p>Each chunk is one transaction that first locks its dealers' counters ({@code dealer_seq}, in
 * id order, as ingest does), then reads their events, replaces their day rows and commits. Ingest
 * of those dealers waits for that one chunk (tens of milliseconds), never for the whole rebuild,
 * and cannot slip an event between the read and the write: what the chunk wrote is exactly the
 * GROUP BY of the events committed before it, and every later event adds to it.
 */
@Component
class DealerDayRebuild implements RebuildPart {

  private static final Logger log = LoggerFactory.getLogger(DealerDayRebuild.class);

  /** Dealers per transaction: a demo dealer has ~10k events in 13 months. */
  static final int DEALERS_PER_CHUNK = 20;

  private static final String LOCK =
      """
      SELECT dealer_id FROM dealer_seq WHERE dealer_id = ANY(:dealers::text[])
      ORDER BY dealer_id FOR UPDATE
      """;

  private static final String EVENTS =
      """
      SELECT e.dealer_id, d.time_zone, e.occurred_at, e.stage, %s
      FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id
      WHERE e.dealer_id = ANY(:dealers::text[]) AND e.occurred_at >= :since
      """
          .formatted(
              Arrays.stream(Parameter.values())
                  .map(EventColumns::of)
                  .collect(Collectors.joining(", ")));

  private static final String INSERT =
      """
      INSERT INTO dealer_day (dealer_id, day, %s)
      SELECT * FROM unnest(:dealer::text[], :day::date[], %s)
      """
          .formatted(
              String.join(", ", DealerDays.summed()),
              DealerDays.summed().stream()
                  .map(c -> ":" + c + (c.startsWith("composite") ? "::float8[]" : "::int[]"))
                  .collect(Collectors.joining(", ")));

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Clock clock;

  DealerDayRebuild(DatabaseClient db, TransactionalOperator tx, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dealer-day";
  }

  @Override
  public Mono<Void> rebuild() {
    long started = System.nanoTime();
    return db.sql("SELECT dealer_id FROM dealer_seq WHERE last_seq > 0 ORDER BY dealer_id")
        .map(row -> row.get("dealer_id", String.class))
        .all()
        .buffer(DEALERS_PER_CHUNK)
        .concatMap(this::rebuild)
        .reduce(0L, Long::sum)
        .doOnNext(rows ->
            log.info(
                "Daily roll-ups rebuilt: {} rows in {} ms",
                rows,
                Duration.ofNanos(System.nanoTime() - started).toMillis()))
        .then();
  }

  /** Rebuilds the day rows of these dealers; returns how many rows they have now. */
  Mono<Long> rebuild(List<String> dealers) {
    return Mono.defer(() -> rebuildNow(dealers));
  }

  private Mono<Long> rebuildNow(List<String> dealers) {
    String[] ids = dealers.toArray(String[]::new);
    Instant now = clock.instant();
    // A day west of UTC may start up to a day before the UTC date: read a day more, then keep
    // exactly the days the ingest path keeps (DealerDays.day).
    Instant since = now.minus(Duration.ofDays(DealerDays.RETENTION_DAYS + 2));
    Map<DayKey, DayRow> rows = new HashMap<>();
    Mono<Void> read =
        db.sql(EVENTS)
            .bind("dealers", ids)
            .bind("since", since)
            .map(row -> {
              add(rows, row, now);
              return 1;
            })
            .all()
            .then();
    return db.sql(LOCK)
        .bind("dealers", ids)
        .fetch()
        .all()
        .then(read)
        .then(
            db.sql("DELETE FROM dealer_day WHERE dealer_id = ANY(:dealers::text[])")
                .bind("dealers", ids)
                .fetch()
                .rowsUpdated())
        .then(Mono.defer(() -> insert(rows)))
        .as(tx::transactional);
  }

  private static void add(Map<DayKey, DayRow> rows, Readable row, Instant now) {
    String dealer = row.get("dealer_id", String.class);
    ZoneId zone = ZoneId.of(row.get("time_zone", String.class));
    Instant occurred = row.get("occurred_at", OffsetDateTime.class).toInstant();
    @Nullable LocalDate day = DealerDays.day(occurred, zone, now);
    if (day == null) {
      return;
    }
    var scores = EventColumns.scores(row);
    rows.computeIfAbsent(new DayKey(dealer, day), k -> new DayRow())
        .add(JourneyStage.valueOf(row.get("stage", String.class)), scores);
  }

  private Mono<Long> insert(Map<DayKey, DayRow> rows) {
    if (rows.isEmpty()) {
      return Mono.just(0L);
    }
    List<DayKey> keys = new ArrayList<>(rows.keySet());
    List<String> counters = DealerDays.counters();
    Integer[][] columns = new Integer[counters.size()][keys.size()];
    Double[] compositeSum = new Double[keys.size()];
    Double[] compositeSumSq = new Double[keys.size()];
    for (int r = 0; r < keys.size(); r++) {
      DayRow row = rows.get(keys.get(r));
      long[] values = DealerDays.counters(row.tally.build());
      for (int c = 0; c < values.length; c++) {
        columns[c][r] = Math.toIntExact(values[c]);
      }
      compositeSum[r] = row.compositeSum;
      compositeSumSq[r] = row.compositeSumSq;
    }
    var spec =
        db.sql(INSERT)
            .bind("dealer", keys.stream().map(DayKey::dealer).toArray(String[]::new))
            .bind("day", keys.stream().map(DayKey::day).toArray(LocalDate[]::new))
            .bind("composite_sum", compositeSum)
            .bind("composite_sumsq", compositeSumSq);
    for (int c = 0; c < counters.size(); c++) {
      spec = spec.bind(counters.get(c), columns[c]);
    }
    return spec.fetch().rowsUpdated();
  }

  private record DayKey(String dealer, LocalDate day) {}

  /** One dealer-day being summed. */
  private static final class DayRow {
    final Tally.Builder tally = Tally.builder();
    double compositeSum;
    double compositeSumSq;

    void add(JourneyStage stage, Map<Parameter, Integer> scores) {
      tally.addAnswer(stage, scores);
      double c = DealerDays.composite(scores);
      compositeSum += c;
      compositeSumSq += c * c;
    }
  }
}
