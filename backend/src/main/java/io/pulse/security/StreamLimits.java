package io.pulse.security;

import io.pulse.system.OverloadedException;
import io.pulse.system.TooManyRequestsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Caps concurrent streams per user and per instance, so one client (or one leaked token) cannot
 * exhaust the server's connections.
 */
@Component
public class StreamLimits {

  private final SecurityProperties properties;
  private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  StreamLimits(SecurityProperties properties) {
    this.properties = properties;
  }

  /**
   * Takes a slot for {@code user} or throws 429; run the returned handle exactly once when the
   * stream ends.
   */
  public Runnable acquire(PulseUser user) {
    if (total.incrementAndGet() > properties.maxStreamsPerInstance()) {
      total.decrementAndGet();
      // The instance is full, not the caller's fault: 503, so a balancer or the client tries
      // another instance.
      throw new OverloadedException(
          "This instance holds its maximum of streams; retry shortly.", "streams-per-instance", 5);
    }
    AtomicInteger mine = perUser.computeIfAbsent(user.name(), n -> new AtomicInteger());
    if (mine.incrementAndGet() > properties.maxStreamsPerUser()) {
      mine.decrementAndGet();
      total.decrementAndGet();
      throw new TooManyRequestsException(
          "At most %d concurrent streams per user; close one first."
              .formatted(properties.maxStreamsPerUser()),
          5);
    }
    AtomicInteger released = new AtomicInteger();
    return () -> {
      if (released.getAndIncrement() == 0) {
        mine.decrementAndGet();
        total.decrementAndGet();
      }
    };
  }
}
