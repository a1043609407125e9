package io.pulse.loadtest.streams;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts over every stream of a run, printed at its end next to Gatling's own report. */
public final class StreamTotals {

  private final LongAdder held = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder samples = new LongAdder();
  private final AtomicLong maxEventToScreen = new AtomicLong();
  private final Map<String, LongAdder> endStates = new ConcurrentHashMap<>();

  void sample(long eventToScreenMillis) {
    samples.increment();
    maxEventToScreen.accumulateAndGet(eventToScreenMillis, Math::max);
  }

  void finished(StreamWatch watch, boolean ok, String state) {
    endStates.computeIfAbsent(state, k -> new LongAdder()).increment();
    (ok ? held : lost).increment();
    reconnects.add(watch.reconnects());
    updates.add(watch.updates());
    stale.add(watch.stale());
  }

  /** One line for the console. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "streams held to the end %d, lost %d (reconnects %d); updates %d, of which with a newer"
            + " event %d and stale %d; event-to-screen max %d ms; Gatling stream states at the"
            + " end %s",
        held.sum(),
        lost.sum(),
        reconnects.sum(),
        updates.sum(),
        samples.sum(),
        stale.sum(),
        maxEventToScreen.get(),
        endStates);
  }
}
