package io.pulse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.pulse.api.LiveStatus;
import io.pulse.stream.FeedStreams.FeedFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The open streams of this instance and what they share: one {@link TimerWheel} for their
 * heartbeats and slow-client checks, the live status they all follow, the frames' encoder and the
 * metrics {@code pulse_stream_connections} and {@code pulse_stream_slow_disconnects_total}. A bean
 * of {@link StreamConfiguration}.
 */
class StreamConnections implements SmartLifecycle {

  /** Slots of the wheel: each turn visits an eighth of the streams. */
  private static final int SLOTS = 8;

  private final Flux<LiveStatus> statuses;
  private final StreamFrames frames;
  private final StreamProperties properties;
  private final TimerWheel wheel;
  // Wraps shared byte arrays without copying; the response's allocator is not needed for that.
  private final NettyDataBufferFactory buffers =
      new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);
  private final AtomicInteger open = new AtomicInteger();
  private final Counter slowDrops;
  private final long heartbeatNanos;
  private final long slowClientNanos;
  private volatile LiveStatus status;
  private volatile Disposable watchingStatus = Disposables.disposed();
  private volatile boolean running;

  /**
   * @param statuses the live status, the current one first
   * @param nanoTime the monotonic clock of heartbeats and slow-client bounds: a wall clock that
   *     steps must not cut off clients
   */
  StreamConnections(
      Flux<LiveStatus> statuses,
      StreamFrames frames,
      StreamProperties properties,
      MeterRegistry meters,
      Scheduler scheduler,
      LongSupplier nanoTime) {
    this.statuses = statuses;
    this.frames = frames;
    this.properties = properties;
    this.heartbeatNanos = properties.heartbeat().toNanos();
    this.slowClientNanos = properties.slowClientTimeout().toNanos();
    // Each stream is looked at every eighth of the shorter of the two periods: a heartbeat goes
    // out at most that much late, a slow client is cut off at most that much after its bound.
    Duration revolution =
        (properties.heartbeat().compareTo(properties.slowClientTimeout()) < 0
                ? properties.heartbeat()
                : properties.slowClientTimeout())
            .dividedBy(8);
    this.wheel = new TimerWheel(revolution, SLOTS, scheduler, nanoTime);
    this.status = LiveStatus.live(Instant.EPOCH);
    Gauge.builder("pulse.stream.connections", open, AtomicInteger::get)
        .description("Streams open in this instance")
        .register(meters);
    this.slowDrops =
        Counter.builder("pulse.stream.slow.disconnects")
            .description("Streams closed because the client stopped reading")
            .register(meters);
  }

  /**
   * A stream of a scope's index figures, sharing its upstream with the other watchers.
   *
   * @param join adds a watcher to the upstream of the stream's scope
   */
  Flux<DataBuffer> index(Function<IndexUpstream.Watcher, IndexUpstream> join, Runnable release) {
    return new IndexConnection(this, retryWithJitter(), release, join);
  }

  /** A stream of feed frames, buffered up to {@code maxWaiting} for a client that reads slowly. */
  Flux<DataBuffer> feed(Flux<FeedFrame> items, int maxWaiting, Runnable release) {
    return new FeedConnection(this, retryWithJitter(), release, items, maxWaiting);
  }

  /** Streams open now. */
  int open() {
    return open.get();
  }

  @Override
  public void start() {
    running = true;
    wheel.start();
    // Streams follow one subscription to the status; each change is encoded once for all.
    watchingStatus =
        statuses.subscribe(s -> {
          LiveStatus previous = status;
          status = s;
          if (previous.live() != s.live()) {
            byte[] frame = frames.status(s, -1);
            wheel.forEach(t -> ((SseConnection) t).offerStatus(frame));
          }
        });
  }

  @Override
  public void stop() {
    watchingStatus.dispose();
    wheel.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Before the web server starts and after it stopped (its graceful shutdown, phases above this,
   * drains the open streams, which need their heartbeats meanwhile).
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  // What the connections share.

  long now() {
    return wheel.now();
  }

  long heartbeatNanos() {
    return heartbeatNanos;
  }

  long slowClientNanos() {
    return slowClientNanos;
  }

  Duration slowClientTimeout() {
    return properties.slowClientTimeout();
  }

  StreamFrames frames() {
    return frames;
  }

  DataBuffer wrap(byte[] frame) {
    return buffers.wrap(frame);
  }

  void slowDisconnected() {
    slowDrops.increment();
  }

  /** Registers a stream that starts; returns its slot of the wheel. */
  int opened(SseConnection c) {
    open.incrementAndGet();
    int slot = wheel.add(c);
    // Registered first, then the status read: a change meanwhile reaches it either way.
    LiveStatus s = status;
    if (!s.live()) {
      c.offerStatus(frames.status(s, c.retryMillis));
    }
    return slot;
  }

  void closed(SseConnection c, int slot) {
    wheel.remove(c, slot);
    open.decrementAndGet();
  }

  /**
   * The SSE {@code retry:} of one connection: the configured wait plus up to as much again at
   * random, so clients cut off together do not all come back in the same instant.
   */
  private long retryWithJitter() {
    long base = properties.retry().toMillis();
    return base + ThreadLocalRandom.current().nextLong(base + 1);
  }
}
