package io.pulse.ui.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Alerts as the backend serves them (docs/api.md, "Alerts"). */
public final class Alerts {

  private Alerts() {}

  /**
   * One alert with the answer behind it.
   *
   * @param status {@code OPEN}, {@code ACKNOWLEDGED} or {@code RESOLVED}
   * @param overdue not resolved 24 h after it was created
   * @param comment the customer's words: untrusted
   */
  public record Alert(
      String eventId,
      String dealerId,
      Instant createdAt,
      List<String> reasons,
      String status,
      boolean overdue,
      @Nullable Instant acknowledgedAt,
      @Nullable Instant resolvedAt,
      @Nullable String note,
      String stage,
      Instant occurredAt,
      Map<String, Integer> scores,
      @Nullable String comment,
      @Nullable String channel) {

    public Alert {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      scores = scores == null ? Map.of() : Map.copyOf(scores);
    }

    public boolean isOpen() {
      return "OPEN".equals(status);
    }

    public boolean isResolved() {
      return "RESOLVED".equals(status);
    }
  }
}
