package io.pulse.history;

import io.pulse.feedback.DealerDays;
import java.time.LocalDate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Reads the daily roll-ups summed over a scope's dealers, per day or per ISO week. A dealer's read
 * is a primary-key range of at most 400 rows; a brand's or the network's sums every member's rows
 * of the range (see docs/architecture.md, "History", for what that costs).
 */
@Repository
class DealerDayRepository {

  private final DatabaseClient db;

  DealerDayRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The scope's sums per day (or per week, keyed by its Monday), days without rows left out. */
  Flux<DayTotals> totals(HistoryScope scope, LocalDate from, LocalDate to, boolean weekly) {
    String bucket = weekly ? "date_trunc('week', r.day)::date" : "r.day";
    String sql =
        """
        SELECT %s AS start, %s
        FROM dealer_day r JOIN dealer d ON d.id = r.dealer_id
        WHERE %s AND r.day BETWEEN :from AND :to
        GROUP BY 1 ORDER BY 1
        """
            .formatted(bucket, DealerDays.sums("r"), scope.condition());
    var spec = db.sql(sql).bind("from", from).bind("to", to);
    for (var bind : scope.binds().entrySet()) {
      spec = spec.bind(bind.getKey(), bind.getValue());
    }
    return spec.map(row -> new DayTotals(row.get("start", LocalDate.class), DealerDays.tally(row)))
        .all();
  }
}
