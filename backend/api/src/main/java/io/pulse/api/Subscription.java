package io.pulse.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The e-mails one person wants, and whether their address may receive them yet.
 *
 * @param email where to send them; null when the person has not subscribed
 * @param language {@code en} or {@code ru}: the language of the e-mails
 * @param hotAlerts each new alert of the person's dealers, at once (dealer managers)
 * @param dailyDigest each morning, per dealer: yesterday's answers and the alerts (managers)
 * @param weeklySummary once a week, the brand's week (executives)
 * @param escalations alerts of the brand not resolved in time (executives)
 * @param addressStatus whether the address was confirmed through the link Pulse mailed to it; null
 *     when there is no address. Read only: what a client sends here is ignored.
 * @param confirmationSentAt when the latest confirmation e-mail was asked for; null when none was
 *     (an address confirmed before confirmations existed). Read only.
 */
public record Subscription(
    @Nullable String email,
    String language,
    boolean hotAlerts,
    boolean dailyDigest,
    boolean weeklySummary,
    boolean escalations,
    @Nullable AddressStatus addressStatus,
    @Nullable Instant confirmationSentAt) {

  /** Whether an address may be sent notifications. */
  public enum AddressStatus {
    /** A confirmation e-mail was sent; until its link is opened, nothing else is. */
    PENDING,
    /** The link was opened (or the address predates confirmations): notifications go to it. */
    CONFIRMED
  }

  /** The choices a person asks for; the status is the backend's to say. */
  public Subscription(
      @Nullable String email,
      String language,
      boolean hotAlerts,
      boolean dailyDigest,
      boolean weeklySummary,
      boolean escalations) {
    this(email, language, hotAlerts, dailyDigest, weeklySummary, escalations, null, null);
  }

  public static Subscription none() {
    return new Subscription(null, "en", true, true, true, true);
  }

  /** Whether a confirmation e-mail is out and the address gets nothing else until it is opened. */
  public boolean pending() {
    return addressStatus == AddressStatus.PENDING;
  }
}
