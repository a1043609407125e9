package io.pulse.feedback;

import io.pulse.api.Channel;
import io.pulse.api.FeedItem;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.AlertReasons;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** A dealer's stored feedback as feed items: the newest few, or those after a sequence number. */
@Repository
public class FeedHistory {

  private static final String COLUMNS =
      """
      dealer_id, seq, event_id, stage, occurred_at, received_at, consultation, communication,
      visit, recommend, speed, car, return_intent, comment, channel
      """;

  private final DatabaseClient db;

  FeedHistory(DatabaseClient db) {
    this.db = db;
  }

  /** The newest {@code limit} items, oldest first. */
  public Flux<FeedItem> latest(String dealerId, int limit) {
    return db.sql(
            "SELECT * FROM (SELECT "
                + COLUMNS
                + " FROM feedback_event WHERE dealer_id = :d ORDER BY seq DESC LIMIT :n) t ORDER BY seq")
        .bind("d", dealerId)
        .bind("n", limit)
        .map(FeedHistory::item)
        .all();
  }

  /** Items after {@code seq}, oldest first, at most {@code limit}. */
  public Flux<FeedItem> after(String dealerId, long seq, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM feedback_event WHERE dealer_id = :d AND seq > :s ORDER BY seq LIMIT :n")
        .bind("d", dealerId)
        .bind("s", seq)
        .bind("n", limit)
        .map(FeedHistory::item)
        .all();
  }

  private static FeedItem item(Readable row) {
    Map<Parameter, Integer> scores = EventColumns.scores(row);
    String channel = row.get("channel", String.class);
    return new FeedItem(
        row.get("dealer_id", String.class),
        row.get("seq", Long.class),
        row.get("event_id", UUID.class),
        JourneyStage.valueOf(row.get("stage", String.class)),
        row.get("occurred_at", OffsetDateTime.class).toInstant(),
        row.get("received_at", OffsetDateTime.class).toInstant(),
        scores,
        row.get("comment", String.class),
        channel == null ? null : Channel.valueOf(channel),
        AlertReasons.of(scores));
  }
}
