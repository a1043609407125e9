package io.pulse.simulator;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe histogram of millisecond latencies (exact to the millisecond up to a minute, one
 * overflow bucket beyond), small enough to record millions of samples without allocation.
 */
final class LatencyHistogram {

  private static final int MAX_MS = 60_000;
  private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 1);
  private final LongAdder total = new LongAdder();

  void record(long millis) {
    int bucket = (int) Math.max(0, Math.min(MAX_MS, millis));
    counts.incrementAndGet(bucket);
    total.increment();
  }

  long count() {
    return total.sum();
  }

  /** The smallest latency at or below which {@code percentile} % of the samples lie; −1 if none. */
  long percentile(double percentile) {
    long n = total.sum();
    if (n == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(percentile / 100.0 * n);
    long seen = 0;
    for (int ms = 0; ms <= MAX_MS; ms++) {
      seen += counts.get(ms);
      if (seen >= Math.max(1, rank)) {
        return ms;
      }
    }
    return MAX_MS;
  }

  long max() {
    for (int ms = MAX_MS; ms >= 0; ms--) {
      if (counts.get(ms) > 0) {
        return ms;
      }
    }
    return -1;
  }
}
