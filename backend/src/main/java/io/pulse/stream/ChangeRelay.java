package io.pulse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.Scope;
import io.pulse.system.RelayRejections;
import io.pulse.window.AggregateScope;
import io.pulse.window.ScopeChange;
import io.pulse.window.ScopeChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Carries aggregate changes between backend instances over Redis pub/sub, so an event ingested on
 * one instance moves the streams of every instance.
 *
 * <p>Pub/sub rather than Redis Streams because what travels is a notification ("this scope
 * changed"), not the data: a subscriber re-reads the scope, so a lost message is healed by the next
 * one, and there is nothing to replay or acknowledge. Changes are gathered for a few milliseconds
 * and sent as one message (at 1,000 events/s that is tens of messages per second, not thousands).
 * Every instance, this one included, receives every message. A line it cannot decode is counted and
 * skipped; the rest of the message, and the relay, go on.
 */
@Component
public class ChangeRelay implements SmartLifecycle {

  static final String NAME = "changes";
  private static final Logger log = LoggerFactory.getLogger(ChangeRelay.class);

  private final ScopeChanges local;
  private final RelayRejections rejections;
  private final Clock clock;
  private final RelayChannel channel;
  private final Map<AggregateScope, ScopeChange> pending = new ConcurrentHashMap<>();
  private final List<Consumer<ScopeChange>> listeners = new CopyOnWriteArrayList<>();
  private final Router<AggregateScope, ScopeChange> byScope;
  private final Router<String, ScopeChange> byRegion;
  private final Router<String, ScopeChange> byBrand;
  private final Router<Boolean, ScopeChange> network;
  private final Counter published;
  private volatile Runnable collecting = () -> {};
  private volatile boolean running;

  ChangeRelay(
      ScopeChanges local,
      RelayChannels channels,
      RelayRejections rejections,
      Clock clock,
      MeterRegistry meters) {
    this.local = local;
    this.rejections = rejections;
    this.clock = clock;
    this.channel = channels.open(NAME, "changes", this::receive, this::flush);
    this.byScope = new Router<>(NAME, FluxSink.OverflowStrategy.LATEST, rejections);
    this.byRegion = new Router<>(NAME, FluxSink.OverflowStrategy.LATEST, rejections);
    this.byBrand = new Router<>(NAME, FluxSink.OverflowStrategy.LATEST, rejections);
    this.network = new Router<>(NAME, FluxSink.OverflowStrategy.LATEST, rejections);
    this.published =
        Counter.builder("pulse.stream.relay.messages")
            .description("Change messages published to the other instances")
            .register(meters);
  }

  RelayChannel channel() {
    return channel;
  }

  /**
   * Calls {@code listener} with every change from any instance until the returned handle is run.
   * Listeners run on the pub/sub thread: they must be quick; what they throw is counted and
   * skipped.
   */
  public Runnable listen(Consumer<ScopeChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Calls {@code listener} with the changes that concern one stream target, routed by key rather
   * than filtered, until the returned handle is run. It runs on the pub/sub thread: it must be
   * quick and must not issue Redis commands itself.
   */
  Runnable listenFor(Scope target, Consumer<ScopeChange> listener) {
    return switch (target) {
      case Scope.Dealer d -> byScope.listen(new AggregateScope.Dealer(d.dealerId()), listener);
      case Scope.BrandRegion c ->
          byScope.listen(new AggregateScope.Cell(c.brandId(), c.regionId()), listener);
      case Scope.Region r -> byRegion.listen(r.regionId(), listener);
      case Scope.Brand b -> byBrand.listen(b.brandId(), listener);
      case Scope.Network n -> network.listen(Boolean.TRUE, listener);
    };
  }

  @Override
  public void start() {
    running = true;
    // Changes are merged per scope until the next flush, so a slow publish never drops one and
    // memory is bounded by the number of scopes that changed.
    collecting = local.listen(c -> pending.merge(c.scope(), c, ChangeRelay::merge));
    channel.start();
  }

  private Mono<Void> flush() {
    if (pending.isEmpty()) {
      return Mono.empty();
    }
    List<ScopeChange> batch = new ArrayList<>();
    for (AggregateScope scope : List.copyOf(pending.keySet())) {
      ScopeChange c = pending.remove(scope);
      if (c != null) {
        batch.add(c);
      }
    }
    return channel
        .publish(encode(batch))
        .doOnSuccess(v -> published.increment())
        .onErrorResume(e -> {
          // Kept for the next flush: a change is only a "look again", merging loses nothing.
          batch.forEach(c -> pending.merge(c.scope(), c, ChangeRelay::merge));
          return Mono.error(e);
        });
  }

  private static ScopeChange merge(ScopeChange a, ScopeChange b) {
    Instant last = a.lastAcceptedAt();
    if (last == null || (b.lastAcceptedAt() != null && b.lastAcceptedAt().isAfter(last))) {
      last = b.lastAcceptedAt();
    }
    return new ScopeChange(a.scope(), a.windowMask() | b.windowMask(), b.at(), last);
  }

  /** One message from any instance: each line on its own, a bad one skipped and counted. */
  private void receive(String message) {
    Instant now = clock.instant();
    message
        .lines()
        .forEach(line -> {
          ScopeChange change;
          try {
            change = decode(line, now);
          } catch (RuntimeException e) {
            rejections.reject(NAME, "undecodable", line, e);
            return;
          }
          emit(change);
        });
  }

  private void emit(ScopeChange change) {
    byScope.dispatch(change.scope(), change);
    if (change.scope() instanceof AggregateScope.Cell c) {
      byRegion.dispatch(c.regionId(), change);
      byBrand.dispatch(c.brandId(), change);
      network.dispatch(Boolean.TRUE, change);
    }
    for (Consumer<ScopeChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        rejections.reject(NAME, "listener-failed", change.scope().tag(), e);
      }
    }
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

  /** Parses one line of {@link #encode}; throws on anything else. */
  static ScopeChange decode(String line, Instant now) {
    String[] p = line.split(" ");
    if (p.length != 3) {
      throw new IllegalArgumentException("expected 'tag mask accepted'");
    }
    long accepted = Long.parseLong(p[2]);
    return new ScopeChange(
        AggregateScope.fromTag(p[0]),
        Integer.parseInt(p[1]),
        now,
        accepted == 0 ? null : Instant.ofEpochMilli(accepted));
  }

  @Override
  public void stop() {
    collecting.run();
    channel.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
