package io.pulse.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of a simulation, updated from the sending threads. */
public final class FeedStats {

  private final LongAdder sent = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  /** A point-in-time copy of the totals. */
  public record Snapshot(
      long sent,
      long accepted,
      long duplicates,
      long rejected,
      long failed,
      long retries,
      int inFlight) {

    /** Events rejected or failed: what the progress line calls errors. */
    public long errors() {
      return rejected + failed;
    }
  }

  void batchStarted() {
    inFlight.incrementAndGet();
  }

  void batchFinished(BatchOutcome outcome) {
    sent.add(outcome.sent());
    accepted.add(outcome.accepted());
    duplicates.add(outcome.duplicates());
    rejected.add(outcome.rejected());
    failed.add(outcome.failed());
    retries.add(Math.max(0, outcome.attempts() - 1));
    inFlight.decrementAndGet();
  }

  /** The totals now. */
  public Snapshot snapshot() {
    return new Snapshot(
        sent.sum(),
        accepted.sum(),
        duplicates.sum(),
        rejected.sum(),
        failed.sum(),
        retries.sum(),
        inFlight.get());
  }
}
