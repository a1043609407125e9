package io.pulse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.BackgroundLoops;
import io.pulse.system.RelayRejections;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One Redis pub/sub channel every instance publishes to and listens on: the part the change relay
 * and the feed relay share. While started, it runs the relay's {@code flush} every {@code
 * flushEvery} (publishing what the relay gathered) and listens.
 *
 * <p>Receiving never stops for good. Each message is handed to {@code deliver} on its own, and
 * whatever {@code deliver} throws is counted and skipped. The subscription is built anew on every
 * (re)subscribe (a listener container that ended cannot be subscribed again), retried with backoff
 * when it fails and resubscribed when it ends. A subscription that is up but deaf (nothing arrives)
 * is caught by heartbeats: this channel's own heartbeat, published like any message, must come back
 * to it; {@link #lag()} says how long ago the newest one it got back was sent, and the {@link
 * RelayWatchdog} resubscribes a channel whose heartbeats stopped coming back.
 */
final class RelayChannel {

  private static final Logger log = LoggerFactory.getLogger(RelayChannel.class);

  /** Heartbeats start with this; no change line (a scope tag) or feed message (JSON) does. */
  static final String HEARTBEAT = "#hb ";

  private final String relay;
  private final String channel;
  private final String self = UUID.randomUUID().toString();
  private final ReactiveStringRedisTemplate redis;
  private final RelayRejections rejections;
  private final Consumer<String> deliver;
  private final Supplier<Mono<Void>> flush;
  private final Duration flushEvery;
  private final BackgroundLoops loops;
  private final AtomicLong newestHeartbeatBack = new AtomicLong(System.nanoTime());
  private volatile long subscribedAt = System.nanoTime();
  private final Counter resubscribes;
  private final Counter received;
  private volatile Disposable receiving = Disposables.disposed();
  private volatile Disposable flushing = Disposables.disposed();

  /**
   * @param relay the relay's name in metrics and logs
   * @param deliver takes each message that is not a heartbeat
   * @param flush publishes what the relay gathered since the last flush
   */
  RelayChannel(
      String relay,
      String channel,
      ReactiveStringRedisTemplate redis,
      Consumer<String> deliver,
      Supplier<Mono<Void>> flush,
      Duration flushEvery,
      BackgroundLoops loops,
      RelayRejections rejections,
      MeterRegistry meters) {
    this.relay = relay;
    this.channel = channel;
    this.redis = redis;
    this.rejections = rejections;
    this.deliver = deliver;
    this.flush = flush;
    this.flushEvery = flushEvery;
    this.loops = loops;
    this.resubscribes =
        Counter.builder("pulse.relay.resubscribes")
            .description("Times a relay's pub/sub subscription was built again")
            .tag("relay", relay)
            .register(meters);
    this.received =
        Counter.builder("pulse.relay.received")
            .description("Pub/sub messages a relay received from any instance")
            .tag("relay", relay)
            .register(meters);
  }

  String relay() {
    return relay;
  }

  /**
   * Starts flushing and listening, with a fresh heartbeat baseline (the instance was not listening
   * before).
   */
  void start() {
    newestHeartbeatBack.set(now());
    flushing = loops.every("relay-" + relay, flushEvery, flush).subscribe();
    subscribe();
  }

  /** Listens (again): drops the current subscription, if any, and builds a new one. */
  private synchronized void subscribe() {
    receiving.dispose();
    subscribedAt = now();
    receiving =
        Flux.defer(() -> redis.listenToChannel(channel))
            // Building a listener container connects, and blocks while it does: never on an
            // I/O thread (the retry below may come on one), where the connect would wait for
            // the thread it blocks.
            .subscribeOn(Schedulers.boundedElastic())
            .doOnNext(m -> receive(m.getMessage()))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(5))
                    .doBeforeRetry(s -> {
                      resubscribes.increment();
                      log.warn(
                          "Relay {} lost its subscription ({}); subscribing again",
                          relay,
                          s.failure().toString());
                    }))
            .repeatWhen(ends ->
                ends.delayElements(Duration.ofSeconds(1)).doOnNext(n -> resubscribes.increment()))
            .subscribe();
  }

  /** Rebuilds the subscription: for one that is up but no longer receives. */
  void resubscribe() {
    resubscribes.increment();
    log.warn("Relay {} receives nothing back; subscribing again", relay);
    subscribe();
  }

  synchronized void stop() {
    flushing.dispose();
    receiving.dispose();
  }

  /** How long ago the current subscription was built. */
  Duration sinceSubscribed() {
    return Duration.ofNanos(now() - subscribedAt);
  }

  /** Publishes one message to every instance (this one included). */
  Mono<Void> publish(String message) {
    return redis.convertAndSend(channel, message).then();
  }

  /** Publishes this channel's heartbeat, stamped with the time it is sent. */
  Mono<Void> heartbeat() {
    return publish(HEARTBEAT + self + " " + now());
  }

  /**
   * How long ago the newest heartbeat that came back was sent: about the heartbeat period while
   * messages flow, and growing when they do not.
   */
  Duration lag() {
    return Duration.ofNanos(Math.max(0, now() - newestHeartbeatBack.get()));
  }

  void receive(String message) {
    received.increment();
    if (message.startsWith(HEARTBEAT)) {
      receiveHeartbeat(message);
      return;
    }
    try {
      deliver.accept(message);
    } catch (RuntimeException e) {
      rejections.reject(relay, "undeliverable", message, e);
    }
  }

  private void receiveHeartbeat(String message) {
    String[] parts = message.split(" ");
    if (parts.length != 3) {
      rejections.reject(relay, "bad-heartbeat", message, null);
      return;
    }
    if (!parts[1].equals(self)) {
      return; // another instance's, or another channel's: theirs to check
    }
    try {
      long sent = Long.parseLong(parts[2]);
      newestHeartbeatBack.accumulateAndGet(sent, Math::max);
    } catch (NumberFormatException e) {
      rejections.reject(relay, "bad-heartbeat", message, e);
    }
  }

  /** Monotonic: a wall clock that steps must not hide a stalled relay or invent one. */
  private static long now() {
    return System.nanoTime();
  }
}
