package io.pulse.stream;

import io.pulse.stream.FeedStreams.FeedFrame;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/**
 * A dealer's feed stream: items are events, not state, so they queue, up to a bound; a client that
 * lets more than that wait is cut off and resumes from its {@code Last-Event-ID} instead of growing
 * a buffer here.
 */
final class FeedConnection extends SseConnection {

  private final Flux<FeedFrame> items;
  private final int maxWaiting;
  private final ArrayDeque<byte[]> waiting = new ArrayDeque<>(4);
  private volatile @Nullable Disposable subscription;

  FeedConnection(
      StreamConnections home,
      long retryMillis,
      Runnable release,
      Flux<FeedFrame> items,
      int maxWaiting) {
    super(home, retryMillis, release);
    this.items = items;
    this.maxWaiting = maxWaiting;
  }

  @Override
  void start() {
    subscription = items.subscribe(this::enqueue, this::fail, this::complete);
  }

  @Override
  void stop() {
    Disposable s = subscription;
    if (s != null) {
      s.dispose();
    }
    synchronized (waiting) {
      waiting.clear();
    }
  }

  @Override
  boolean guardsSlowClients() {
    return false;
  }

  private void enqueue(FeedFrame frame) {
    byte[] bytes = home.frames().feed(frame, retryMillis);
    boolean overflow;
    synchronized (waiting) {
      overflow = waiting.size() >= maxWaiting;
      if (!overflow) {
        waiting.add(bytes);
      }
    }
    if (overflow) {
      if (fail(Exceptions.failWithOverflow("the client let " + maxWaiting + " items wait"))) {
        home.slowDisconnected();
      }
    } else {
      drain();
    }
  }

  @Override
  byte @Nullable [] pollContent() {
    synchronized (waiting) {
      return waiting.poll();
    }
  }

  @Override
  boolean hasContent() {
    synchronized (waiting) {
      return !waiting.isEmpty();
    }
  }
}
