package io.pulse.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends what the {@link Outbox} holds due, over SMTP. JavaMail blocks, so each e-mail is sent on
 * the bounded elastic scheduler, one at a time per instance (an SMTP server is slow next to a
 * database). A failure makes the e-mail due again after a doubling wait, and after {@code
 * max-attempts} it is given up: counted in {@code pulse.notify.given.up} and logged. A pass in
 * which every e-mail failed fails as a whole, so that an SMTP server that is down shows in the
 * {@code notify-send} loop's health.
 *
 * <p>Before it claims, a pass withdraws what no longer goes to its person's current, confirmed
 * address ({@link Outbox#withdrawStale}). A confirmation e-mail gets its link's token only now,
 * stored as a hash as it is made ({@link AddressConfirmations#mint}): the token exists nowhere but
 * in the e-mail. Sent twice (a retry, a crash after the SMTP server's OK), the later link wins.
 */
class MailSender {

  private static final Logger log = LoggerFactory.getLogger(MailSender.class);

  private final JavaMailSender smtp;
  private final Outbox outbox;
  private final AddressConfirmations confirmations;
  private final NotifyProperties properties;
  private final Clock clock;
  private final Counter sent;
  private final Counter failed;
  private final Counter givenUp;
  private final Counter withdrawn;

  MailSender(
      JavaMailSender smtp,
      Outbox outbox,
      AddressConfirmations confirmations,
      NotifyProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.smtp = smtp;
    this.outbox = outbox;
    this.confirmations = confirmations;
    this.properties = properties;
    this.clock = clock;
    this.sent = Counter.builder("pulse.notify.sent").description("E-mails sent").register(meters);
    this.failed =
        Counter.builder("pulse.notify.failed")
            .description("Tries to send an e-mail that failed (it is tried again)")
            .register(meters);
    this.givenUp =
        Counter.builder("pulse.notify.given.up")
            .description("E-mails given up after pulse.notify.max-attempts tries")
            .register(meters);
    this.withdrawn =
        Counter.builder("pulse.notify.withdrawn")
            .description(
                "E-mails not sent because their person changed or removed the address, or it was"
                    + " not confirmed")
            .register(meters);
  }

  /** Sends one batch of due e-mails: how many went. */
  Mono<Integer> pass() {
    Instant now = clock.instant();
    AtomicInteger tried = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    return outbox
        .withdrawStale(now)
        .doOnNext(n -> withdrawn.increment(n))
        .thenMany(outbox.claim(properties.sendBatch(), now))
        .concatMap(claimed -> {
          tried.incrementAndGet();
          return confirmations
              .withLink(claimed, now)
              .flatMap(ready ->
                  ready.isEmpty()
                      ? Mono.defer(() -> {
                        // Changed or confirmed since it was claimed: not a try.
                        tried.decrementAndGet();
                        withdrawn.increment();
                        return outbox.withdraw(claimed.id(), clock.instant());
                      })
                      : Mono.fromRunnable(() -> send(ready.get()))
                          .subscribeOn(Schedulers.boundedElastic())
                          .then(Mono.defer(() -> outbox.sent(claimed.id(), clock.instant())))
                          .doOnSuccess(v -> {
                            ok.incrementAndGet();
                            sent.increment();
                          }))
              .onErrorResume(e -> retryLater(claimed, e));
        })
        .then(
            Mono.defer(() ->
                tried.get() > 0 && ok.get() == 0
                    ? Mono.error(
                        new IllegalStateException(
                            "none of "
                                + tried.get()
                                + " e-mails could be sent; they are tried again"))
                    : Mono.just(ok.get())));
  }

  private void send(Outbox.Claimed m) {
    try {
      MimeMessage message = smtp.createMimeMessage();
      boolean attached = m.attachment() != null && m.attachmentName() != null;
      MimeMessageHelper mail = new MimeMessageHelper(message, attached, "UTF-8");
      mail.setFrom(properties.from());
      mail.setTo(m.email());
      mail.setSubject(m.subject());
      mail.setText(m.body(), false);
      if (attached) {
        mail.addAttachment(
            m.attachmentName(),
            new org.springframework.core.io.ByteArrayResource(m.attachment()),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      }
      // Lets a mailbox (or a person) see that a second copy after a crash is the same e-mail.
      message.setHeader("X-Pulse-Notification", Long.toString(m.id()));
      smtp.send(message);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Mono<Void> retryLater(Outbox.Claimed m, Throwable e) {
    failed.increment();
    Instant now = clock.instant();
    boolean giveUp = m.attempts() >= properties.maxAttempts();
    if (giveUp) {
      givenUp.increment();
      log.warn("Gave up e-mail {} after {} tries: {}", m.id(), m.attempts(), e.toString());
    }
    return outbox.failed(
        m.id(),
        String.valueOf(e.getMessage()),
        now,
        now.plus(properties.backoff(m.attempts())),
        giveUp);
  }
}
