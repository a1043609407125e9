package io.pulse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.window.AggregateKeys;
import io.pulse.window.AggregateScope;
import io.pulse.window.ScopeChange;
import io.pulse.window.ScopeChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Carries aggregate changes between backend instances over Redis pub/sub, so an event ingested on
 * one instance moves the streams of every instance.
 *
 * <p>Pub/sub rather than Redis Streams because what travels is a notification ("this scope
 * changed"), not the data: a subscriber re-reads the scope, so a lost message is healed by the next
 * one, and there is nothing to replay or acknowledge. Changes are gathered for a few milliseconds
 * and sent as one message (at 1,000 events/s that is tens of messages per second, not thousands).
 * Every instance, this one included, receives every message.
 */
@Component
public class ChangeRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangeRelay.class);

  private final ScopeChanges local;
  private final ReactiveStringRedisTemplate redis;
  private final StreamProperties properties;
  private final Clock clock;
  private final String channel;
  private final Sinks.Many<ScopeChange> received = Sinks.many().multicast().directBestEffort();
  private final Map<AggregateScope, ScopeChange> pending =
      new java.util.concurrent.ConcurrentHashMap<>();
  // Latest-value overflow: a change is a "look again" signal, only the newest matters.
  private final Router<AggregateScope, ScopeChange> byScope =
      new Router<>(FluxSink.OverflowStrategy.LATEST);
  private final Router<String, ScopeChange> byRegion =
      new Router<>(FluxSink.OverflowStrategy.LATEST);
  private final Router<String, ScopeChange> byBrand =
      new Router<>(FluxSink.OverflowStrategy.LATEST);
  private final Router<Boolean, ScopeChange> network =
      new Router<>(FluxSink.OverflowStrategy.LATEST);
  private final Counter published;
  private final Counter receivedMessages;
  private volatile Disposable publishing = () -> {};
  private volatile Disposable receiving = () -> {};
  private volatile boolean running;

  ChangeRelay(
      ScopeChanges local,
      ReactiveStringRedisTemplate redis,
      AggregateKeys keys,
      StreamProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.local = local;
    this.redis = redis;
    this.properties = properties;
    this.clock = clock;
    this.channel = keys.prefix() + ":changes";
    this.published =
        Counter.builder("pulse.stream.relay.messages")
            .description("Change messages published to the other instances")
            .register(meters);
    this.receivedMessages =
        Counter.builder("pulse.stream.relay.received")
            .description("Change messages received from any instance")
            .register(meters);
  }

  /** Every change on any instance, as it arrives. */
  public Flux<ScopeChange> changes() {
    return received.asFlux();
  }

  /** The changes that concern one stream target, routed by key rather than filtered. */
  Flux<ScopeChange> changesFor(StreamTarget target) {
    return switch (target) {
      case StreamTarget.Dealer d -> byScope.subscribe(new AggregateScope.Dealer(d.dealerId()));
      case StreamTarget.BrandRegion c ->
          byScope.subscribe(new AggregateScope.Cell(c.brandId(), c.regionId()));
      case StreamTarget.Region r -> byRegion.subscribe(r.regionId());
      case StreamTarget.Brand b -> byBrand.subscribe(b.brandId());
      case StreamTarget.Network n -> network.subscribe(Boolean.TRUE);
    };
  }

  @Override
  public void start() {
    running = true;
    // Changes are merged per scope until the next flush, so a slow publish never drops one and
    // memory is bounded by the number of scopes that changed.
    Runnable collecting = local.listen(c -> pending.merge(c.scope(), c, ChangeRelay::merge));
    Disposable flushing =
        Flux.interval(properties.relayBatch())
            .onBackpressureDrop()
            .concatMap(tick -> flush(), 1)
            .subscribe();
    publishing = Disposables.composite(collecting::run, flushing);
    receiving =
        redis
            // A container of its own per start: test contexts are paused (stopped) and restarted,
            // and a shared container does not subscribe again once all its subscriptions ended.
            .listenToChannel(channel)
            .doOnNext(message -> {
              receivedMessages.increment();
              decode(message.getMessage()).forEach(this::emit);
            })
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(5)))
            .subscribe();
  }

  private Mono<Void> flush() {
    if (pending.isEmpty()) {
      return Mono.empty();
    }
    List<ScopeChange> batch = new java.util.ArrayList<>();
    for (AggregateScope scope : List.copyOf(pending.keySet())) {
      ScopeChange c = pending.remove(scope);
      if (c != null) {
        batch.add(c);
      }
    }
    return redis
        .convertAndSend(channel, encode(batch))
        .doOnNext(n -> published.increment())
        .onErrorResume(e -> {
          log.warn("Publishing {} changes failed: {}", batch.size(), e.toString());
          batch.forEach(c -> pending.merge(c.scope(), c, ChangeRelay::merge));
          return Mono.empty();
        })
        .then();
  }

  private static ScopeChange merge(ScopeChange a, ScopeChange b) {
    Instant last = a.lastAcceptedAt();
    if (last == null || (b.lastAcceptedAt() != null && b.lastAcceptedAt().isAfter(last))) {
      last = b.lastAcceptedAt();
    }
    return new ScopeChange(a.scope(), a.windowMask() | b.windowMask(), b.at(), last);
  }

  private void emit(ScopeChange change) {
    byScope.dispatch(change.scope(), change);
    if (change.scope() instanceof AggregateScope.Cell c) {
      byRegion.dispatch(c.regionId(), change);
      byBrand.dispatch(c.brandId(), change);
      network.dispatch(Boolean.TRUE, change);
    }
    received.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
  }

  /** One line per scope: tag, window mask, acceptance time of the newest event (0 if none). */
  static String encode(List<ScopeChange> batch) {
    Map<AggregateScope, long[]> merged = new LinkedHashMap<>();
    for (ScopeChange c : batch) {
      long[] m = merged.computeIfAbsent(c.scope(), s -> new long[2]);
      m[0] |= c.windowMask();
      if (c.lastAcceptedAt() != null) {
        m[1] = Math.max(m[1], c.lastAcceptedAt().toEpochMilli());
      }
    }
    StringJoiner lines = new StringJoiner("\n");
    merged.forEach((scope, m) -> lines.add(scope.tag() + " " + m[0] + " " + m[1]));
    return lines.toString();
  }

  List<ScopeChange> decode(String message) {
    Instant now = clock.instant();
    return message
        .lines()
        .map(line -> line.split(" "))
        .filter(p -> p.length == 3)
        .map(p -> {
          long accepted = Long.parseLong(p[2]);
          return new ScopeChange(
              AggregateScope.fromTag(p[0]),
              (int) Long.parseLong(p[1]),
              now,
              accepted == 0 ? null : Instant.ofEpochMilli(accepted));
        })
        .toList();
  }

  @Override
  public void stop() {
    publishing.dispose();
    receiving.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
