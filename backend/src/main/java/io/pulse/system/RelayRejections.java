package io.pulse.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the live path's loops skip: a message the change or feed relay cannot decode or deliver, a
 * scope the window ticker, the reconciler or a rebuild fails on. Each is counted ({@code
 * pulse_relay_rejected_total{relay,reason}}, {@code relay} naming the loop), logged at most once a
 * minute per loop and reason with an example, and skipped, so the loop goes on with the next one.
 */
@Component
public class RelayRejections {

  private static final Logger log = LoggerFactory.getLogger(RelayRejections.class);
  private static final int EXAMPLE_LENGTH = 200;

  private final MeterRegistry meters;
  private final ThrottledLog throttled = new ThrottledLog(log, Duration.ofMinutes(1));

  RelayRejections(MeterRegistry meters) {
    this.meters = meters;
  }

  public void reject(String relay, String reason, String example, @Nullable Throwable cause) {
    Counter.builder("pulse.relay.rejected")
        .description("Relay elements skipped because they could not be decoded or delivered")
        .tag("relay", relay)
        .tag("reason", reason)
        .register(meters)
        .increment();
    throttled.warn(
        relay + "/" + reason,
        () ->
            "Relay %s skipped an element (%s): \"%s\"%s"
                .formatted(relay, reason, printable(example), cause == null ? "" : " - " + cause));
  }

  public long count(String relay, String reason) {
    Counter c =
        meters.find("pulse.relay.rejected").tag("relay", relay).tag("reason", reason).counter();
    return c == null ? 0 : (long) c.count();
  }

  /** Short and on one line: the example came from the wire and may be anything. */
  private static String printable(String s) {
    String shortened = s.length() > EXAMPLE_LENGTH ? s.substring(0, EXAMPLE_LENGTH) + "…" : s;
    StringBuilder out = new StringBuilder(shortened.length());
    shortened
        .codePoints()
        .forEach(c -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        });
    return out.toString();
  }
}
