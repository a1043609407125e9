package io.pulse.feedback;

import java.time.Duration;

/** {@link IngestProperties} with the defaults its {@code @DefaultValue}s give, for unit tests. */
final class IngestLimits {

  private IngestLimits() {}

  static IngestProperties defaults() {
    return with(4000, Duration.ofMillis(500));
  }

  /** The defaults, but for the two admission-control settings. */
  static IngestProperties with(int maxInFlightEvents, Duration targetLatency) {
    return new IngestProperties(
        1000,
        50000,
        2000,
        128,
        Duration.ofMinutes(5),
        Duration.ofDays(3650),
        Duration.ofDays(30),
        1 << 25,
        1000,
        4000,
        3,
        maxInFlightEvents,
        40,
        targetLatency,
        256);
  }
}
