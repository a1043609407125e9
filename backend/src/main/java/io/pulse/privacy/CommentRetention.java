package io.pulse.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import io.pulse.window.PassLease;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Erases comments older than {@code pulse.privacy.comment-retention}, counted from when the
 * customer answered. One instance of many does a pass (a {@link PassLease}), in batches of {@code
 * retention-batch} rows, until nothing is left; the scores stay. The loop reports itself as {@code
 * comment-retention} in {@link BackgroundLoops} (metrics and health), and the comments it erased in
 * {@code pulse.privacy.comments.expired}.
 */
@Component
class CommentRetention implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommentRetention.class);

  private final DatabaseClient db;
  private final PrivacyProperties properties;
  private final BackgroundLoops loops;
  private final PassLease lease;
  private final Clock clock;
  private final Counter expired;
  private volatile Disposable runs = () -> {};
  private volatile boolean running;

  CommentRetention(
      DatabaseClient db,
      PrivacyProperties properties,
      BackgroundLoops loops,
      PassLease lease,
      Clock clock,
      MeterRegistry meters) {
    this.db = db;
    this.properties = properties;
    this.loops = loops;
    this.lease = lease;
    this.clock = clock;
    this.expired =
        Counter.builder("pulse.privacy.comments.expired")
            .description("Comments erased because they were older than the retention")
            .register(meters);
  }

  /** One pass if this instance takes the period's lease: the number of comments erased. */
  Mono<Long> pass() {
    if (properties.keepsCommentsForEver()) {
      return Mono.just(0L);
    }
    return lease
        .take("comment-retention", properties.retentionCheckInterval())
        .flatMap(taken ->
            taken
                ? eraseOlderThan(clock.instant().minus(properties.commentRetention()))
                : Mono.just(0L));
  }

  /** Erases every comment of an answer before {@code cutoff}, batch by batch. */
  Mono<Long> eraseOlderThan(Instant cutoff) {
    return batch(cutoff)
        .expand(n -> n == properties.retentionBatch() ? batch(cutoff) : Mono.empty())
        .reduce(0L, Long::sum)
        .doOnNext(n -> {
          if (n > 0) {
            expired.increment(n);
            log.info("Erased {} comments older than {}", n, properties.commentRetention());
          }
        });
  }

  private Mono<Long> batch(Instant cutoff) {
    return db.sql(
            """
            UPDATE feedback_event SET comment = NULL
            WHERE event_id IN (
              SELECT event_id FROM feedback_event
              WHERE comment IS NOT NULL AND occurred_at < :cutoff
              LIMIT :batch)
            """)
        .bind("cutoff", cutoff)
        .bind("batch", properties.retentionBatch())
        .fetch()
        .rowsUpdated();
  }

  @Override
  public void start() {
    running = true;
    runs =
        loops
            .every("comment-retention", properties.retentionCheckInterval(), this::pass)
            .subscribe();
  }

  @Override
  public void stop() {
    runs.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
