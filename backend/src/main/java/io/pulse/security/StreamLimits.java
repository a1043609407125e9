package io.pulse.security;

import io.pulse.system.OverloadedException;
import io.pulse.system.TooManyRequestsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Caps concurrent streams per user and per instance, so one client (or one leaked token) cannot
 * exhaust the server's connections.
 */
@Component
public class StreamLimits {

  private final SecurityProperties properties;
  // Streams per user; a user without open streams has no entry (counts are small Integers,
  // cached by the JVM, so a stream holds nothing here but its count).
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
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
    String name = user.name();
    int max = properties.maxStreamsPerUser();
    boolean[] taken = {false};
    perUser.compute(
        name,
        (n, count) -> {
          int c = count == null ? 0 : count;
          if (c >= max) {
            return count;
          }
          taken[0] = true;
          return c + 1;
        });
    if (!taken[0]) {
      total.decrementAndGet();
      throw new TooManyRequestsException(
          "At most %d concurrent streams per user; close one first.".formatted(max), 5);
    }
    return new Slot(name);
  }

  private void release(String name) {
    perUser.computeIfPresent(name, (n, count) -> count <= 1 ? null : count - 1);
    total.decrementAndGet();
  }

  /** One stream's slot: given back once, however often it is run. */
  private final class Slot extends AtomicBoolean implements Runnable {
    private final String name;

    Slot(String name) {
      this.name = name;
    }

    @Override
    public void run() {
      if (compareAndSet(false, true)) {
        release(name);
      }
    }
  }
}
