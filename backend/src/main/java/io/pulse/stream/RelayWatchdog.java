package io.pulse.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.LiveStatus;
import io.pulse.system.BackgroundLoops;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Proves, every few seconds, that this instance's live path works end to end: each relay publishes
 * a heartbeat through Redis and must receive it back. When one has not come back for {@code
 * pulse.streams.relay-stale-after}, the instance says so everywhere an operator or a user looks:
 * the {@code streams} health component (part of readiness) is DOWN with the reason, {@code
 * pulse_relay_lag_seconds} grows, every open stream gets {@code event: status} with {@code
 * live:false}, and the relay's subscription is rebuilt. When heartbeats come back, streams get
 * {@code live:true} and a fresh snapshot (changes may have been missed meanwhile), once two rounds
 * in a row got their heartbeats back. Time is measured on {@link System#nanoTime()}: a wall clock
 * that steps must not hide a stalled relay or invent one.
 */
@Component("streams")
class RelayWatchdog implements SmartLifecycle, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(RelayWatchdog.class);
  private static final int ROUNDS_TO_RECOVER = 2;

  private final List<RelayChannel> channels;
  private final StreamProperties properties;
  private final BackgroundLoops loops;
  private final Clock clock;
  private final AtomicInteger healthyRounds = new AtomicInteger();
  private final Sinks.Many<LiveStatus> statuses = Sinks.many().replay().latest();
  private final Sinks.Many<LiveStatus> recoveries = Sinks.many().multicast().directBestEffort();
  private volatile LiveStatus status;
  private volatile Disposable checking = Disposables.disposed();
  private volatile boolean running;

  RelayWatchdog(
      ChangeRelay changes,
      FeedRelay feed,
      AlertRelay alerts,
      StreamProperties properties,
      BackgroundLoops loops,
      Clock clock,
      MeterRegistry meters) {
    this.channels = List.of(changes.channel(), feed.channel(), alerts.channel());
    this.properties = properties;
    this.loops = loops;
    this.clock = clock;
    this.status = LiveStatus.live(clock.instant());
    statuses.tryEmitNext(status);
    for (RelayChannel c : channels) {
      Gauge.builder("pulse.relay.lag", c, ch -> ch.lag().toNanos() / 1e9)
          .description(
              "How long ago the newest heartbeat this instance got back through a relay was sent")
          .tag("relay", c.relay())
          .baseUnit("seconds")
          .register(meters);
    }
  }

  /** The current status first, then every change of it. */
  Flux<LiveStatus> statuses() {
    return statuses.asFlux();
  }

  /** Each return to live, for streams to send a fresh snapshot. */
  Flux<LiveStatus> recoveries() {
    return recoveries.asFlux();
  }

  /** One round: send heartbeats, then judge what came back. */
  Mono<LiveStatus> check() {
    return Flux.fromIterable(channels)
        // A heartbeat that cannot be sent is judged like one that did not come back.
        .flatMap(c -> c.heartbeat().onErrorResume(e -> Mono.empty()))
        .then(Mono.fromSupplier(this::judge));
  }

  private LiveStatus judge() {
    Duration staleAfter = properties.relayStaleAfter();
    // Healthy means heartbeats come back about as often as they are sent; between that and
    // stale the status stays as it is, so a relay just resubscribed is not called live before
    // its heartbeats actually return.
    Duration healthyWithin = properties.relayHeartbeat().multipliedBy(2);
    boolean healthy = true;
    StringBuilder reasons = new StringBuilder();
    for (RelayChannel c : channels) {
      Duration lag = c.lag();
      healthy &= lag.compareTo(healthyWithin) <= 0;
      if (lag.compareTo(staleAfter) > 0) {
        if (!reasons.isEmpty()) {
          reasons.append("; ");
        }
        reasons.append(
            "no heartbeat back through the %s relay for over %s s"
                .formatted(c.relay(), staleAfter.toMillis() / 1000.0));
        // A subscription gets stale-after to prove itself before it is built again.
        if (c.sinceSubscribed().compareTo(staleAfter) >= 0) {
          c.resubscribe();
        }
      }
    }
    LiveStatus previous = status;
    LiveStatus next;
    if (reasons.isEmpty()) {
      // Back only after two healthy rounds in a row: one heartbeat that made it through a
      // flapping connection is not a recovery, and each recovery costs every stream a fresh read.
      boolean settled = false;
      if (healthy) {
        settled = healthyRounds.incrementAndGet() >= ROUNDS_TO_RECOVER;
      } else {
        healthyRounds.set(0);
      }
      next = previous.live() || !settled ? previous : LiveStatus.live(clock.instant());
    } else {
      healthyRounds.set(0);
      String reason = "Live updates paused: " + reasons;
      next =
          !previous.live() && reason.equals(previous.reason())
              ? previous
              : LiveStatus.paused(reason, previous.live() ? clock.instant() : previous.since());
    }
    if (next != previous) {
      status = next;
      if (next.live()) {
        log.info("Live streams recovered");
      } else {
        log.warn("{}", next.reason());
      }
      statuses.tryEmitNext(next);
      if (next.live()) {
        recoveries.tryEmitNext(next);
      }
    }
    return next;
  }

  @Override
  public Health health() {
    Map<String, Object> lags = new LinkedHashMap<>();
    channels.forEach(c -> lags.put(c.relay(), Math.round(c.lag().toMillis() / 100.0) / 10.0));
    LiveStatus s = status;
    Health.Builder b = s.live() ? Health.up() : Health.down().withDetail("reason", s.reason());
    return b.withDetail("relayLagSeconds", lags).withDetail("since", s.since().toString()).build();
  }

  @Override
  public void start() {
    running = true;
    // A (re)started instance begins live: its relays start with a fresh heartbeat baseline.
    healthyRounds.set(0);
    if (!status.live()) {
      status = LiveStatus.live(clock.instant());
      statuses.tryEmitNext(status);
    }
    checking = loops.every("relay-watchdog", properties.relayHeartbeat(), this::check).subscribe();
  }

  @Override
  public void stop() {
    checking.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
