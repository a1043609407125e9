package io.pulse.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a constant event rate on a coarse scheduler tick: says how many events are due at each tick
 * so that the total follows {@code rate × elapsed} exactly, whatever the tick jitter.
 */
public final class RatePacer {

  private final double perSecond;
  private final Instant start;
  private final long maxBacklog;
  private long emitted;

  /**
   * A pacer for {@code perSecond} events per second from {@code start}; after a stall (a slow
   * backend), at most {@code maxCatchUp} worth of missed events is made up, the rest is dropped so
   * the feed does not hammer a recovering backend.
   */
  public RatePacer(double perSecond, Instant start, Duration maxCatchUp) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.start = start;
    this.maxBacklog = Math.max(1, (long) Math.ceil(perSecond * maxCatchUp.toMillis() / 1000.0));
  }

  /** How many events to generate now; not thread-safe, call it from one scheduler thread. */
  public int due(Instant now) {
    long elapsedMillis = Math.max(0, Duration.between(start, now).toMillis());
    long target = (long) Math.floor(perSecond * elapsedMillis / 1000.0);
    long due = target - emitted;
    if (due <= 0) {
      return 0;
    }
    if (due > maxBacklog) {
      due = maxBacklog;
    }
    emitted = target;
    return (int) Math.min(Integer.MAX_VALUE, due);
  }

  /** Events handed out so far, counting skipped backlog. */
  public long emitted() {
    return emitted;
  }
}
