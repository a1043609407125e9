package io.pulse.loadtest.streams;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one virtual user's index stream has shown so far. It reads the messages Gatling buffered for
 * the stream (as Gatling renders them: {@code {"event":"update","id":"7","data":{…}}}) and keeps,
 * for every update that carries a newer {@code index.lastEventAcceptedAt} than the stream's
 * previous message, a latency sample: acceptance → {@code sentAt} → receipt on this machine. An
 * update without a newer event (the window sliding, an old event leaving it) is counted as stale
 * and gives no sample: its acceptance time may be minutes old.
 *
 * <p>Not thread-safe: a virtual user's actions run one at a time.
 */
public final class StreamWatch {

  /** Session attribute holding a user's watch. */
  public static final String ATTRIBUTE = "pulse.streamWatch";

  /**
   * One fresh update's timings, epoch milliseconds.
   *
   * @param acceptedAt when the newest event it counts was accepted (backend clock)
   * @param sentAt when the backend wrote it (backend clock)
   * @param receivedAt when it reached this load generator
   */
  public record Sample(long acceptedAt, long sentAt, long receivedAt) {}

  private final List<Sample> pending = new ArrayList<>();
  private long lastAccepted = Long.MIN_VALUE;
  private int snapshots;
  private long updates;
  private long stale;

  /** A watch whose stream opened with a snapshot of {@code snapshotAcceptedAt} (null: none). */
  public StreamWatch(@Nullable String snapshotAcceptedAt) {
    Long accepted = parse(snapshotAcceptedAt);
    if (accepted != null) {
      lastAccepted = accepted;
    }
  }

  /** Reads one buffered message received at {@code receivedAt} (epoch ms). */
  public void absorb(long receivedAt, String message) {
    String event = field(message, "\"event\":\"");
    Long accepted = parse(field(message, "\"lastEventAcceptedAt\":\""));
    boolean fresh = accepted != null && accepted > lastAccepted;
    if (fresh) {
      lastAccepted = accepted;
    }
    if ("snapshot".equals(event)) {
      // A second snapshot means the stream was reconnected (Gatling does it silently after a
      // premature close): the cabinet lost its connection.
      snapshots++;
      return;
    }
    if (!"update".equals(event)) {
      return;
    }
    updates++;
    if (!fresh) {
      stale++;
      return;
    }
    Long sent = parse(field(message, "\"sentAt\":\""));
    pending.add(new Sample(accepted, sent == null ? receivedAt : sent, receivedAt));
  }

  /** The samples gathered since the last call, which it clears. */
  public List<Sample> drain() {
    List<Sample> drained = List.copyOf(pending);
    pending.clear();
    return drained;
  }

  /** Snapshots after the first one: how often the stream was re-opened behind our back. */
  public int reconnects() {
    return snapshots;
  }

  /** Updates seen. */
  public long updates() {
    return updates;
  }

  /** Updates that carried no newer event. */
  public long stale() {
    return stale;
  }

  private static @Nullable String field(String message, String prefix) {
    int start = message.indexOf(prefix);
    if (start < 0) {
      return null;
    }
    start += prefix.length();
    int end = message.indexOf('"', start);
    return end < 0 ? null : message.substring(start, end);
  }

  private static @Nullable Long parse(@Nullable String instant) {
    if (instant == null || instant.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(instant).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
