package io.pulse.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * The one timer of all open streams of an instance: it visits every registered stream once per
 * {@code revolution}, a slot at a time, and the stream decides on its own clock readings whether a
 * heartbeat is due or a client has been too slow. Thousands of streams thus cost one periodic task
 * and a set entry each, instead of a scheduled task (or two) per stream; the work of a revolution
 * is spread evenly over its slots.
 */
final class TimerWheel {

  private static final Logger log = LoggerFactory.getLogger(TimerWheel.class);

  /** Something the wheel visits: a stream that checks its deadlines. */
  interface Ticking {

    /** Called once per revolution on the wheel's thread; must be quick and must not block. */
    void tick(long nowNanos);
  }

  private final Set<Ticking>[] slots;
  private final AtomicInteger nextSlot = new AtomicInteger();
  private final AtomicInteger size = new AtomicInteger();
  private final Scheduler scheduler;
  private final LongSupplier nanoTime;
  private final long tickNanos;
  private int hand;
  private volatile Disposable turning = Disposables.disposed();

  /**
   * @param revolution how often each stream is visited
   * @param nanoTime the monotonic clock the streams' deadlines are measured on
   */
  @SuppressWarnings("unchecked")
  TimerWheel(Duration revolution, int slotCount, Scheduler scheduler, LongSupplier nanoTime) {
    if (slotCount < 1 || revolution.toNanos() < slotCount) {
      throw new IllegalArgumentException("a wheel needs at least one slot and a nanosecond each");
    }
    this.slots = new Set[slotCount];
    for (int i = 0; i < slotCount; i++) {
      slots[i] = ConcurrentHashMap.newKeySet();
    }
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
    this.tickNanos = revolution.toNanos() / slotCount;
  }

  /** Starts turning (once). */
  synchronized void start() {
    if (turning.isDisposed()) {
      turning =
          scheduler.schedulePeriodically(this::turn, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }
  }

  synchronized void stop() {
    turning.dispose();
  }

  /** The clock the wheel reads. */
  long now() {
    return nanoTime.getAsLong();
  }

  /** Registers {@code t}; returns the slot to pass to {@link #remove}. */
  int add(Ticking t) {
    int slot = Math.floorMod(nextSlot.getAndIncrement(), slots.length);
    if (slots[slot].add(t)) {
      size.incrementAndGet();
    }
    return slot;
  }

  void remove(Ticking t, int slot) {
    if (slots[slot].remove(t)) {
      size.decrementAndGet();
    }
  }

  /** Streams registered. */
  int size() {
    return size.get();
  }

  /** Calls {@code visitor} with every registered stream, outside the turn (for broadcasts). */
  void forEach(java.util.function.Consumer<Ticking> visitor) {
    for (Set<Ticking> slot : slots) {
      for (Ticking t : slot) {
        visitor.accept(t);
      }
    }
  }

  private void turn() {
    Set<Ticking> slot = slots[hand];
    hand = (hand + 1) % slots.length;
    long now = nanoTime.getAsLong();
    for (Ticking t : slot) {
      try {
        t.tick(now);
      } catch (RuntimeException e) {
        // One broken stream must not stop the heartbeats of all the others.
        log.warn("A stream's timer check failed", e);
      }
    }
  }
}
