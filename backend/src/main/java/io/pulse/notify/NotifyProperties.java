package io.pulse.notify;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of e-mail notifications. Nothing is queued or sent unless an SMTP server is configured
 * ({@code spring.mail.host}).
 *
 * @param from the sender address of every e-mail
 * @param uiUrl where people open Pulse: the links in e-mails
 * @param producePeriod how often one instance (of all) queues what is due
 * @param sendPeriod how often each instance sends what is queued
 * @param firstContactSla an alert not resolved this long after it came is escalated to the brand's
 *     executives; a hot alert older than this is no longer sent
 * @param digestTime when (UTC) the daily digests and weekly summaries of a day are queued
 * @param summaryDay the day of the weekly summary
 * @param sendBatch e-mails one instance claims at a time
 * @param maxAttempts tries before an e-mail is given up (counted, and shown in health)
 * @param firstRetry the wait after the first failure; it doubles with every failure
 * @param maxRetry the longest wait between two tries
 * @param confirmationValidity how long the link of a confirmation e-mail works, from its sending
 * @param confirmationInterval the shortest time between two confirmation e-mails of one person, so
 *     that nobody can make Pulse mail a stranger's address over and over
 * @param confirmationsPerDay confirmation e-mails one person may have sent in 24 hours
 */
@ConfigurationProperties("pulse.notify")
@Validated
public record NotifyProperties(
    @NotNull @DefaultValue("pulse@localhost") String from,
    @NotNull @DefaultValue("http://localhost:8081") URI uiUrl,
    @NotNull @DefaultValue("10s") Duration producePeriod,
    @NotNull @DefaultValue("5s") Duration sendPeriod,
    @NotNull @DefaultValue("07:00") LocalTime digestTime,
    @NotNull @DefaultValue("MONDAY") DayOfWeek summaryDay,
    @DefaultValue("50") @Positive int sendBatch,
    @DefaultValue("10") @Positive int maxAttempts,
    @NotNull @DefaultValue("1m") Duration firstRetry,
    @NotNull @DefaultValue("1h") Duration maxRetry,
    @NotNull @DefaultValue("48h") Duration confirmationValidity,
    @NotNull @DefaultValue("2m") Duration confirmationInterval,
    @DefaultValue("5") @Positive int confirmationsPerDay) {

  /** The wait before try {@code attempts + 1}, after {@code attempts} failures. */
  Duration backoff(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
