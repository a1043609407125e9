package io.pulse.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Errors Reactor drops because nobody waits for them any more: when one of several parallel Redis
 * calls fails, the others are cancelled, and their own failures (the same outage) arrive after.
 * Reactor logs each at ERROR with a stack trace, which buries the one line that matters during an
 * outage. They are counted ({@code pulse_reactor_errors_dropped_total}) and logged at most once a
 * minute instead.
 */
@Component
class DroppedErrors implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);
  private static final String HOOK = "pulse-dropped-errors";

  DroppedErrors(MeterRegistry meters) {
    Counter dropped =
        Counter.builder("pulse.reactor.errors.dropped")
            .description("Errors that arrived after their subscriber had gone (cancelled work)")
            .register(meters);
    ThrottledLog throttled = new ThrottledLog(log, Duration.ofMinutes(1));
    Hooks.onErrorDropped(e -> {
      dropped.increment();
      throttled.warn(
          e.getClass().getName(), () -> "An error arrived after its work was cancelled: " + e);
    });
  }

  @Override
  public void destroy() {
    Hooks.resetOnErrorDropped();
  }
}
