package io.pulse.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * One open stream, written straight to its HTTP response: the frames it has to send, how many the
 * response asked for, and its deadlines; no operator chain, queue or timer of its own. Frames are
 * shared byte arrays where they can be. What goes out, in this order, as the response asks:
 *
 * <ul>
 *   <li>the newest {@code event: status} (when this instance's live path pauses or resumes);
 *   <li>the content: the subclass's frames ({@link #pollContent});
 *   <li>a heartbeat comment, when the {@link TimerWheel} finds nothing was written for the
 *       heartbeat period.
 * </ul>
 *
 * <p>When content waits longer than the slow-client bound because the client reads nothing, the
 * stream ends with {@link SlowSubscriberException} (the connection is dropped; the client
 * reconnects). Whatever ends the stream — that, an error, the client going away — releases what it
 * holds exactly once.
 */
abstract class SseConnection extends Flux<DataBuffer> implements Subscription, TimerWheel.Ticking {

  private static final long NOT_WAITING = Long.MIN_VALUE;
  private static final int CANCELLED = 1;
  private static final int DONE = 2;
  private static final int HEARTBEAT_DUE = 4;
  private static final int RELEASED = 8;
  private static final int COMPLETING = 16;

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<SseConnection, CoreSubscriber> ACTUAL =
      AtomicReferenceFieldUpdater.newUpdater(SseConnection.class, CoreSubscriber.class, "actual");

  private static final AtomicLongFieldUpdater<SseConnection> REQUESTED =
      AtomicLongFieldUpdater.newUpdater(SseConnection.class, "requested");
  private static final AtomicIntegerFieldUpdater<SseConnection> WIP =
      AtomicIntegerFieldUpdater.newUpdater(SseConnection.class, "wip");
  private static final AtomicIntegerFieldUpdater<SseConnection> FLAGS =
      AtomicIntegerFieldUpdater.newUpdater(SseConnection.class, "flags");
  private static final AtomicReferenceFieldUpdater<SseConnection, byte[]> STATUS =
      AtomicReferenceFieldUpdater.newUpdater(SseConnection.class, byte[].class, "status");
  private static final AtomicReferenceFieldUpdater<SseConnection, Throwable> ERROR =
      AtomicReferenceFieldUpdater.newUpdater(SseConnection.class, Throwable.class, "error");

  /** Everything the streams of this instance share. */
  final StreamConnections home;

  /** This connection's {@code retry:} in milliseconds. */
  final long retryMillis;

  private final Runnable release;
  private volatile @Nullable CoreSubscriber<? super DataBuffer> actual;
  private volatile long requested;
  private volatile int wip;
  private volatile int flags;
  private volatile byte @Nullable [] status;
  private volatile @Nullable Throwable error;
  private volatile long lastWrite;
  private volatile long waitingSince = NOT_WAITING;
  private volatile int slot;

  /**
   * @param release run exactly once when the stream ends (gives back its slot of the stream caps)
   */
  SseConnection(StreamConnections home, long retryMillis, Runnable release) {
    this.home = home;
    this.retryMillis = retryMillis;
    this.release = release;
  }

  /** Starts producing content: called once, when the response subscribes. */
  abstract void start();

  /** Stops producing content: called once when the stream ends, possibly before start ends. */
  abstract void stop();

  /** The next content frame, or null when none waits. Called only while draining. */
  abstract byte @Nullable [] pollContent();

  abstract boolean hasContent();

  /** Whether content that waits too long for the client ends the stream. */
  boolean guardsSlowClients() {
    return true;
  }

  @Override
  public final void subscribe(CoreSubscriber<? super DataBuffer> subscriber) {
    if (!ACTUAL.compareAndSet(this, null, subscriber)) {
      Operators.error(subscriber, new IllegalStateException("a stream has one subscriber"));
      return;
    }
    lastWrite = home.now();
    // Nothing is written before onSubscribe: nothing was requested yet.
    slot = home.opened(this);
    subscriber.onSubscribe(this);
    start();
    if ((flags & RELEASED) != 0) {
      // Ended while starting: undo what start did.
      stop();
    }
  }

  /** Hands over the newest status frame; an older one not yet written is dropped. */
  final void offerStatus(byte[] frame) {
    status = frame;
    drain();
  }

  /**
   * Ends the stream with {@code e} as soon as the response can take it; false if it was ending with
   * an error already.
   */
  public final boolean fail(Throwable e) {
    if (ERROR.compareAndSet(this, null, e)) {
      drain();
      return true;
    }
    return false;
  }

  /** Ends the stream normally once the content that waits has gone out. */
  final void complete() {
    setFlag(COMPLETING);
    drain();
  }

  @Override
  public final void request(long n) {
    if (Operators.validate(n)) {
      Operators.addCap(REQUESTED, this, n);
      drain();
    }
  }

  @Override
  public final void cancel() {
    if (setFlag(CANCELLED)) {
      releaseOnce();
      status = null;
    }
  }

  @Override
  public final void tick(long now) {
    if ((flags & (CANCELLED | DONE)) != 0) {
      return;
    }
    long since = waitingSince;
    if (guardsSlowClients() && since != NOT_WAITING && now - since > home.slowClientNanos()) {
      if (ERROR.compareAndSet(this, null, new SlowSubscriberException(home.slowClientTimeout()))) {
        home.slowDisconnected();
      }
      drain();
      return;
    }
    if (now - lastWrite >= home.heartbeatNanos()) {
      setFlag(HEARTBEAT_DUE);
      drain();
    }
  }

  /** Writes what waits, as far as the response asked for it; one thread at a time. */
  final void drain() {
    if (WIP.getAndIncrement(this) != 0) {
      return;
    }
    int missed = 1;
    for (; ; ) {
      CoreSubscriber<? super DataBuffer> a = actual;
      if (a != null) {
        if ((flags & (CANCELLED | DONE)) != 0) {
          return;
        }
        Throwable e = error;
        if (e != null) {
          // What waits is dropped: the client reconnects and starts from a fresh snapshot.
          setFlag(DONE);
          releaseOnce();
          a.onError(e);
          return;
        }
        long r = requested;
        long emitted = 0;
        while (emitted != r) {
          if ((flags & CANCELLED) != 0) {
            return;
          }
          byte[] frame = poll();
          if (frame == null) {
            break;
          }
          a.onNext(home.wrap(frame));
          emitted++;
        }
        if (emitted != 0) {
          lastWrite = home.now();
          if (r != Long.MAX_VALUE) {
            REQUESTED.addAndGet(this, -emitted);
          }
        }
        boolean waiting = hasContent();
        if ((flags & COMPLETING) != 0 && !waiting) {
          setFlag(DONE);
          releaseOnce();
          a.onComplete();
          return;
        }
        if (!waiting) {
          waitingSince = NOT_WAITING;
        } else if (waitingSince == NOT_WAITING) {
          waitingSince = home.now();
        }
      }
      missed = WIP.addAndGet(this, -missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private byte @Nullable [] poll() {
    byte[] s = STATUS.getAndSet(this, null);
    if (s != null) {
      return s;
    }
    byte[] content = pollContent();
    if (content != null) {
      clearFlag(HEARTBEAT_DUE);
      return content;
    }
    return clearFlag(HEARTBEAT_DUE) ? SseFrames.HEARTBEAT : null;
  }

  private void releaseOnce() {
    if (setFlag(RELEASED)) {
      try {
        home.closed(this, slot);
        stop();
      } finally {
        release.run();
      }
    }
  }

  /** Sets {@code flag}; true if this call set it. */
  private boolean setFlag(int flag) {
    for (; ; ) {
      int f = flags;
      if ((f & flag) != 0) {
        return false;
      }
      if (FLAGS.compareAndSet(this, f, f | flag)) {
        return true;
      }
    }
  }

  /** Clears {@code flag}; true if it was set. */
  private boolean clearFlag(int flag) {
    for (; ; ) {
      int f = flags;
      if ((f & flag) == 0) {
        return false;
      }
      if (FLAGS.compareAndSet(this, f, f & ~flag)) {
        return true;
      }
    }
  }

  /** The client took nothing for longer than the bound while content waited. */
  static final class SlowSubscriberException extends RuntimeException {
    SlowSubscriberException(Duration bound) {
      super("client read nothing for " + bound + " while an update waited", null, false, false);
    }
  }
}
