package io.pulse.history;

import io.pulse.feedback.DealerDays;
import io.pulse.system.BackgroundLoops;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Drops day rows older than the kept 13 months (and a margin) every hour, so the roll-up does not
 * grow with the years between rebuilds. Idempotent: every instance may run it. A loop of {@link
 * BackgroundLoops}, so a failed pass is counted, reported in health and retried an hour later.
 */
@Component
class DealerDayRetention implements SmartLifecycle {

  static final Duration EVERY = Duration.ofHours(1);

  private final DatabaseClient db;
  private final BackgroundLoops loops;
  private final Clock clock;
  private Disposable pruning = () -> {};
  private volatile boolean running;

  DealerDayRetention(DatabaseClient db, BackgroundLoops loops, Clock clock) {
    this.db = db;
    this.loops = loops;
    this.clock = clock;
  }

  /**
   * Deletes the rows before the oldest day any dealer may still keep: the retention counted back
   * from today where today is earliest (UTC−18), so never a row a dealer's own limit keeps.
   */
  Mono<Long> prune() {
    LocalDate oldestKept =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.MIN).minusDays(DealerDays.RETENTION_DAYS);
    return db.sql("DELETE FROM dealer_day WHERE day < :oldest")
        .bind("oldest", oldestKept)
        .fetch()
        .rowsUpdated();
  }

  @Override
  public void start() {
    pruning = loops.every("dealer-day-retention", EVERY, this::prune).subscribe();
    running = true;
  }

  @Override
  public void stop() {
    pruning.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
