package io.pulse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One alert with the answer behind it.
 *
 * @param reasons e.g. {@code DETRACTOR}, {@code LOW_SCORE:SPEED}, and the early warnings {@code
 *     INDEX_DROP}, {@code DETRACTORS_RISE}, {@code WEAK_POINT:SPEED}, raised on the answer that
 *     crossed the threshold
 * @param overdue not resolved and created more than 24 hours ago
 * @param comment the customer's words, untrusted: escape wherever shown
 * @param acknowledgedBy who acknowledged it (the person, also when they acted through the UI)
 * @param resolvedBy who resolved it
 * @param explanations one per early-warning reason: what moved, in English and Russian
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
    @Nullable String resolvedBy,
    List<Explanation> explanations) {

  public Alert {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    scores = scores == null ? Map.of() : Map.copyOf(scores);
    explanations = explanations == null ? List.of() : List.copyOf(explanations);
  }

  /** The same alert with another comment (e.g. masked). */
  public Alert withComment(@Nullable String comment) {
    return new Alert(
        eventId,
        dealerId,
        createdAt,
        reasons,
        status,
        overdue,
        acknowledgedAt,
        resolvedAt,
        note,
        stage,
        occurredAt,
        scores,
        comment,
        channel,
        acknowledgedBy,
        resolvedBy,
        explanations);
  }

  /**
   * This alert as everyone but an administrator sees it: telephone numbers and e-mail addresses in
   * the comment masked ({@link CommentMasking}).
   */
  public Alert masked() {
    return comment == null ? this : withComment(CommentMasking.mask(comment));
  }

  /**
   * Why an early warning was raised, e.g. "CSI fell from 84 to 71 over the last 46 answers; Speed
   * and organisation moved most".
   *
   * @param reason the reason it explains, e.g. {@code INDEX_DROP}
   */
  public record Explanation(String reason, String en, String ru) {

    /** The sentence in {@code language} ({@code ru}, else English). */
    public String text(String language) {
      return "ru".equals(language) ? ru : en;
    }
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
