package io.pulse.api;

import org.jspecify.annotations.Nullable;

/**
 * The e-mails one person wants.
 *
 * @param email where to send them; null when the person has not subscribed
 * @param language {@code en} or {@code ru}: the language of the e-mails
 * @param hotAlerts each new alert of the person's dealers, at once (dealer managers)
 * @param dailyDigest each morning, per dealer: yesterday's answers and the alerts (managers)
 * @param weeklySummary once a week, the brand's week (executives)
 * @param escalations alerts of the brand not resolved in time (executives)
 */
public record Subscription(
    @Nullable String email,
    String language,
    boolean hotAlerts,
    boolean dailyDigest,
    boolean weeklySummary,
    boolean escalations) {

  public static Subscription none() {
    return new Subscription(null, "en", true, true, true, true);
  }
}
