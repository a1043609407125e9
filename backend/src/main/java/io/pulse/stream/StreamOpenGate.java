package io.pulse.stream;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.OverloadedException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * An instance-wide cap on new streams per second. After a restart or a network blip thousands of
 * clients reconnect at once; past the cap they are told to come back in 1–5 s (503 with a random
 * Retry-After), which spreads the storm over seconds while the streams already open keep flowing.
 */
@Component
class StreamOpenGate {

  private final RateLimiter opens;
  private final Counter refused;

  StreamOpenGate(StreamProperties properties, MeterRegistry meters) {
    this.opens =
        RateLimiter.of(
            "stream-opens",
            RateLimiterConfig.custom()
                .limitForPeriod(properties.maxOpensPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    this.refused =
        Counter.builder("pulse.stream.opens.refused")
            .description("Stream opens refused because the instance-wide open rate was reached")
            .register(meters);
  }

  /** Takes one open from this second's budget, or throws a 503 with Retry-After. */
  void admit() {
    if (!opens.acquirePermission()) {
      refused.increment();
      throw new OverloadedException(
          "This instance is opening its maximum of streams per second; retry shortly.",
          "stream-opens",
          ThreadLocalRandom.current().nextLong(1, 6));
    }
  }
}
