package io.pulse.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Runs the producer (one instance of all per period) and the sender (every instance) as {@link
 * BackgroundLoops} {@code notify-produce} and {@code notify-send}, reported in metrics and health,
 * when an SMTP server is configured; without one, notifications are off and say so at start.
 */
@Component
class NotificationLoops implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationLoops.class);

  private final NotificationProducer producer;
  private final @org.jspecify.annotations.Nullable MailSender sender;
  private final Outbox outbox;
  private final NotifyProperties properties;
  private final BackgroundLoops loops;
  private final Clock clock;
  private final AtomicLong waiting = new AtomicLong();
  private volatile Disposable runs = () -> {};
  private volatile boolean running;

  NotificationLoops(
      NotificationProducer producer,
      Outbox outbox,
      AddressConfirmations confirmations,
      ObjectProvider<JavaMailSender> smtp,
      NotifyProperties properties,
      BackgroundLoops loops,
      Clock clock,
      MeterRegistry meters) {
    this.producer = producer;
    this.outbox = outbox;
    this.properties = properties;
    this.loops = loops;
    this.clock = clock;
    JavaMailSender mail = smtp.getIfAvailable();
    this.sender =
        mail == null
            ? null
            : new MailSender(mail, outbox, confirmations, properties, clock, meters);
    Gauge.builder("pulse.notify.waiting", waiting, AtomicLong::get)
        .description("E-mails queued and not yet sent (nor given up)")
        .register(meters);
  }

  /** The sender, when an SMTP server is configured. */
  @org.jspecify.annotations.Nullable
  MailSender sender() {
    return sender;
  }

  @Override
  public void start() {
    running = true;
    if (sender == null) {
      log.info("No SMTP server configured (spring.mail.host): e-mail notifications are off");
      return;
    }
    MailSender mails = sender;
    runs =
        Disposables.composite(
            loops
                .every(
                    "notify-produce",
                    properties.producePeriod(),
                    () -> producer.pass(clock.instant()))
                .subscribe(),
            loops
                .every(
                    "notify-send",
                    properties.sendPeriod(),
                    () -> mails.pass().then(outbox.waiting()).doOnNext(waiting::set))
                .subscribe());
  }

  @Override
  public void stop() {
    runs.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
