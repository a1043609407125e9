package io.pulse.system;

/**
 * This instance sheds load: 503 with Retry-After, before anything was stored or opened. The client
 * loses nothing by retrying later (requests are idempotent), and the instance stays responsive
 * instead of queueing work it cannot finish in time.
 */
public class OverloadedException extends RuntimeException {

  private final String reason;
  private final long retryAfterSeconds;

  /**
   * @param reason a metric-friendly word for what is saturated, e.g. {@code in-flight-events}
   */
  public OverloadedException(String detail, String reason, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public String reason() {
    return reason;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
