package io.pulse.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per period and key, with one example and how many like it
 * were not logged since: a flood of bad messages cannot flood the log, and the first one of a burst
 * is always there to read. Time is {@link System#nanoTime()}, so a test's fixed domain clock cannot
 * silence it.
 */
public final class ThrottledLog {

  private final Logger log;
  private final long periodNanos;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    volatile long loggedAt;
    final AtomicLong suppressed = new AtomicLong();

    Window(long loggedAt) {
      this.loggedAt = loggedAt;
    }
  }

  public ThrottledLog(Logger log, Duration period) {
    this.log = log;
    this.periodNanos = period.toNanos();
  }

  /** Warns about {@code key} unless it was logged within the period; counts it if not. */
  public void warn(String key, Supplier<String> message) {
    long now = System.nanoTime();
    Window w = windows.get(key);
    if (w == null) {
      Window fresh = new Window(now);
      w = windows.putIfAbsent(key, fresh);
      if (w == null) {
        log.warn(message.get());
        return;
      }
    }
    synchronized (w) {
      if (now - w.loggedAt < periodNanos) {
        w.suppressed.incrementAndGet();
        return;
      }
      w.loggedAt = now;
    }
    long more = w.suppressed.getAndSet(0);
    log.warn(more == 0 ? message.get() : message.get() + " (" + more + " more like it not logged)");
  }
}
