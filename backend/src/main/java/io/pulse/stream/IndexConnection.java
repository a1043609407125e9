package io.pulse.stream;

import io.pulse.stream.IndexUpstream.IndexFrame;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An index stream: holds at most the newest version its client has not taken yet (index streams
 * carry state, so an older one is worth nothing once a newer exists). Its first event is a snapshot
 * of its own; after that it writes the update frames its upstream encoded once for every watcher.
 */
final class IndexConnection extends SseConnection implements IndexUpstream.Watcher {

  private static final AtomicReferenceFieldUpdater<IndexConnection, IndexFrame> PENDING =
      AtomicReferenceFieldUpdater.newUpdater(IndexConnection.class, IndexFrame.class, "pending");

  private final Function<IndexUpstream.Watcher, IndexUpstream> join;
  private volatile @Nullable IndexFrame pending;
  private volatile @Nullable IndexUpstream upstream;
  private long newestOffered;
  private boolean snapshotSent;

  IndexConnection(
      StreamConnections home,
      long retryMillis,
      Runnable release,
      Function<IndexUpstream.Watcher, IndexUpstream> join) {
    super(home, retryMillis, release);
    this.join = join;
  }

  @Override
  void start() {
    upstream = join.apply(this);
  }

  @Override
  void stop() {
    IndexUpstream u = upstream;
    if (u != null) {
      u.leave(this);
    }
    pending = null;
  }

  @Override
  public void offer(IndexFrame frame) {
    synchronized (this) {
      // The upstream's fan-out and the latest handed over on joining may cross: keep the newest.
      if (frame.version() <= newestOffered) {
        return;
      }
      newestOffered = frame.version();
      pending = frame;
    }
    drain();
  }

  @Override
  byte @Nullable [] pollContent() {
    IndexFrame f = PENDING.getAndSet(this, null);
    if (f == null) {
      return null;
    }
    if (!snapshotSent) {
      snapshotSent = true;
      return home.frames().snapshot(f.figures(), retryMillis);
    }
    byte[] shared = f.update();
    return shared != null ? shared : home.frames().update(f.figures());
  }

  @Override
  boolean hasContent() {
    return pending != null;
  }
}
