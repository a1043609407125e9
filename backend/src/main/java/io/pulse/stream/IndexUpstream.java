package io.pulse.stream;

import io.pulse.figures.LiveFigures;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The shared upstream of one watched (scope, window) in this instance: it reads the figures once,
 * then again after changes, and hands each new version to every watcher, encoded once.
 *
 * <p>Reads are conflated, leading and trailing: a change after a quiet period is read at once (a
 * lone event is on screen in milliseconds); changes within {@code minInterval} of the last read
 * collapse into one read when the interval ends; never more than one read runs. The first read (the
 * snapshot) does not start the interval, so the first change after it is read at once. A read whose
 * figures a viewer could not tell from the last version's is not sent, unless it was asked for by a
 * recovery of the live path ({@link #recovered}): that one goes out as a fresh snapshot.
 *
 * <p>A watcher that joins gets the latest version at once. After the last watcher leaves, the
 * upstream lives on for {@code grace} (a page reload reuses it), then closes.
 */
final class IndexUpstream {

  /** A version of the figures and its update frame, encoded once for every watcher. */
  record IndexFrame(Versioned<LiveFigures> figures, byte @Nullable [] update) {

    long version() {
      return figures.version();
    }
  }

  /** Someone watching: a stream. */
  interface Watcher {

    /** A newer version; called from any thread, must not block. */
    void offer(IndexFrame frame);

    /** The upstream failed for good (the scope does not exist). */
    boolean fail(Throwable e);
  }

  private static final Watcher[] NONE = new Watcher[0];

  private final Function<Boolean, Mono<LiveFigures>> read;
  private final Function<Versioned<LiveFigures>, byte[]> encode;
  private final Scheduler scheduler;
  private final LongSupplier nanoTime;
  private final long minIntervalNanos;
  private final Duration grace;
  private final Consumer<IndexUpstream> onClose;

  // Guarded by this.
  private Watcher[] watchers = NONE;
  private @Nullable Versioned<LiveFigures> latest;
  private long version;
  private boolean resync;
  private boolean changed;
  private boolean reading;
  private boolean closed;
  private long pausedUntil;
  private @Nullable Disposable timer;
  private @Nullable Disposable graceOver;
  private @Nullable Disposable inFlight;
  private Runnable unlisten = () -> {};

  /**
   * @param read reads the figures; {@code true} for the first read (the snapshot), which must not
   *     give up while there is hope. A read that fails for good ends the upstream and its watchers.
   * @param encode the update frame of a version
   * @param onClose called once when the upstream closes
   */
  IndexUpstream(
      Function<Boolean, Mono<LiveFigures>> read,
      Function<Versioned<LiveFigures>, byte[]> encode,
      Scheduler scheduler,
      LongSupplier nanoTime,
      Duration minInterval,
      Duration grace,
      Consumer<IndexUpstream> onClose) {
    this.read = read;
    this.encode = encode;
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
    this.minIntervalNanos = minInterval.toNanos();
    this.grace = grace;
    this.onClose = onClose;
  }

  /** Hands over what stops the changes reaching this upstream; run when it closes. */
  void listening(Runnable stopListening) {
    boolean stopNow;
    synchronized (this) {
      unlisten = stopListening;
      stopNow = closed;
    }
    if (stopNow) {
      stopListening.run();
    }
  }

  /** Reads the snapshot. */
  synchronized void start() {
    reading = true;
    startRead(true, resync);
  }

  /** Something the figures depend on changed: read again, as the interval allows. */
  synchronized void changed() {
    if (!closed) {
      changed = true;
      readIfDue();
    }
  }

  /**
   * The live path recovered: changes may have been missed, so read again and send the result as a
   * fresh snapshot even if it looks the same.
   */
  synchronized void recovered() {
    resync = true;
    changed();
  }

  /** Adds a watcher, which gets the latest version at once; false if the upstream has closed. */
  boolean join(Watcher w) {
    Versioned<LiveFigures> current;
    synchronized (this) {
      if (closed) {
        return false;
      }
      Watcher[] ws = Arrays.copyOf(watchers, watchers.length + 1);
      ws[ws.length - 1] = w;
      watchers = ws;
      current = latest;
      if (graceOver != null) {
        graceOver.dispose();
        graceOver = null;
      }
    }
    if (current != null) {
      w.offer(new IndexFrame(current, null));
    }
    return true;
  }

  void leave(Watcher w) {
    synchronized (this) {
      int i = Arrays.asList(watchers).indexOf(w);
      if (i < 0) {
        return;
      }
      Watcher[] ws = new Watcher[watchers.length - 1];
      System.arraycopy(watchers, 0, ws, 0, i);
      System.arraycopy(watchers, i + 1, ws, i, ws.length - i);
      watchers = ws;
      if (ws.length == 0 && !closed) {
        graceOver = scheduler.schedule(this::closeIfIdle, grace.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  synchronized int watchers() {
    return watchers.length;
  }

  // Holding the lock.
  private void readIfDue() {
    if (reading || !changed || closed) {
      return;
    }
    long now = nanoTime.getAsLong();
    long wait = pausedUntil - now;
    if (wait <= 0) {
      changed = false;
      reading = true;
      pausedUntil = now + minIntervalNanos;
      startRead(false, resync);
    } else if (timer == null) {
      timer = scheduler.schedule(this::intervalOver, wait, TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void intervalOver() {
    timer = null;
    readIfDue();
  }

  // Holding the lock. Reads start on the scheduler, never inline: a change arrives on a Redis
  // thread, which must not issue the next command itself.
  private void startRead(boolean initial, boolean fresh) {
    inFlight =
        Mono.defer(() -> read.apply(initial))
            .subscribeOn(scheduler)
            .publishOn(scheduler)
            .subscribe(f -> publish(f, fresh), this::closeWith, this::readDone);
  }

  private void publish(LiveFigures figures, boolean fresh) {
    Versioned<LiveFigures> v;
    Watcher[] ws;
    synchronized (this) {
      if (closed) {
        return;
      }
      // Cleared only by a read that succeeded: after a failed one the next read is the snapshot.
      if (fresh) {
        resync = false;
      }
      if (!fresh && latest != null && latest.value().comparable().equals(figures.comparable())) {
        return;
      }
      v = new Versioned<>(++version, figures, fresh);
      latest = v;
      ws = watchers;
    }
    if (ws.length > 0) {
      IndexFrame frame = new IndexFrame(v, encode.apply(v));
      for (Watcher w : ws) {
        w.offer(frame);
      }
    }
  }

  private synchronized void readDone() {
    reading = false;
    inFlight = null;
    readIfDue();
  }

  private void closeIfIdle() {
    synchronized (this) {
      graceOver = null;
      if (watchers.length > 0 || closed) {
        return;
      }
      closeLocked();
    }
    closed();
  }

  private void closeWith(Throwable e) {
    Watcher[] ws;
    synchronized (this) {
      if (closed) {
        return;
      }
      ws = watchers;
      closeLocked();
    }
    closed();
    for (Watcher w : ws) {
      w.fail(e);
    }
  }

  private void closed() {
    Runnable stop;
    synchronized (this) {
      stop = unlisten;
    }
    stop.run();
    onClose.accept(this);
  }

  private void closeLocked() {
    closed = true;
    watchers = NONE;
    latest = null;
    if (timer != null) {
      timer.dispose();
      timer = null;
    }
    if (inFlight != null) {
      inFlight.dispose();
      inFlight = null;
    }
    if (graceOver != null) {
      graceOver.dispose();
      graceOver = null;
    }
  }
}
