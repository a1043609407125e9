package io.pulse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One alert with the answer behind it.
 *
 * @param reasons e.g. {@code DETRACTOR}, {@code LOW_SCORE:SPEED}
 * @param overdue not resolved and created more than 24 hours ago
 * @param comment the customer's words, untrusted: escape wherever shown
 * @param acknowledgedBy who acknowledged it (the person, also when they acted through the UI)
 * @param resolvedBy who resolved it
 */
public record Alert(
    UUID eventId,
    String dealerId,
    Instant createdAt,
    List<String> reasons,
    Status status,
    boolean overdue,
    @Nullable Instant acknowledgedAt,
    @Nullable Instant resolvedAt,
    @Nullable String note,
    String stage,
    Instant occurredAt,
    Map<String, Integer> scores,
    @Nullable String comment,
    @Nullable String channel,
    @Nullable String acknowledgedBy,
    @Nullable String resolvedBy) {

  public Alert {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }

  public boolean isResolved() {
    return status == Status.RESOLVED;
  }

  /** Where an alert is in its handling. */
  public enum Status {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
  }
}
