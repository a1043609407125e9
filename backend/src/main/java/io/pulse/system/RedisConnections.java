package io.pulse.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Redis connections by purpose, so one kind of work cannot starve another: a burst of ingest
 * scripts queued on a connection would otherwise sit in front of every stream's read and every
 * relay's publish, which share one pipelined connection by default. Each purpose has a Lettuce
 * connection of its own, made like the application's (same servers, client settings and I/O
 * threads); pub/sub subscriptions get their own connections from the listener containers anyway.
 *
 * <ul>
 *   <li>{@link #ingest()}: counting events, scheduling their scopes, ingest rate limits;
 *   <li>{@link #reads()}: the read API and the streams' re-reads;
 *   <li>{@link #relay()}: the relays' publishes and subscriptions, and their heartbeats;
 *   <li>{@link #background()}: the ticker, the reconciler, rebuilds (the application's default
 *       connection).
 * </ul>
 *
 * <p>Every connection is made here, off the I/O threads. Made lazily, a shared connection is made
 * by whichever thread first needs it, which may be a Lettuce I/O thread finishing another command:
 * it then blocks on a connect that needs that very thread, and the instance's Redis work stops
 * (seen in the fault tests; spring-data-redis#2289). If Redis is away at start, the instance starts
 * anyway (ingest answers 503 meanwhile) and connects in the background until it can.
 *
 * <p>The {@code redisConnections} health component (part of readiness) is DOWN until every one of
 * them is connected: the {@code redis} component pings through the application's connection only,
 * and an instance that said ready while its ingest connection was still waiting for its next try
 * answered the first requests after a Redis outage with 503.
 */
@Component
public class RedisConnections implements DisposableBean, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ReactiveStringRedisTemplate background;
  private final ReactiveStringRedisTemplate ingest;
  private final ReactiveStringRedisTemplate reads;
  private final ReactiveStringRedisTemplate relay;
  private final List<LettuceConnectionFactory> own = new ArrayList<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Disposable connecting;

  RedisConnections(
      ReactiveStringRedisTemplate application, LettuceConnectionFactory applicationFactory) {
    // The application's factory has started (lazily) by now: its connections are made below, and
    // again on every restart of the factory.
    applicationFactory.setEagerInitialization(true);
    this.background = application;
    this.ingest = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
    this.reads = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
    this.relay = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
    List<LettuceConnectionFactory> all = new ArrayList<>(own);
    all.add(applicationFactory);
    this.connecting = connectAll(all);
  }

  private LettuceConnectionFactory likeThe(LettuceConnectionFactory application) {
    RedisConfiguration servers =
        application.getClusterConfiguration() != null
            ? application.getClusterConfiguration()
            : application.getSentinelConfiguration() != null
                ? application.getSentinelConfiguration()
                : application.getStandaloneConfiguration();
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(servers, application.getClientConfiguration());
    // Not eager here: afterPropertiesSet would connect, and fail the start without Redis.
    factory.afterPropertiesSet();
    own.add(factory);
    return factory;
  }

  /**
   * Connects every factory now, on this thread; those that cannot connect yet are retried every two
   * seconds on a thread that may block, until they have.
   */
  private Disposable connectAll(List<LettuceConnectionFactory> factories) {
    List<LettuceConnectionFactory> unconnected = new ArrayList<>();
    for (LettuceConnectionFactory f : factories) {
      if (!connect(f)) {
        unconnected.add(f);
      }
    }
    waiting.set(unconnected.size());
    if (unconnected.isEmpty()) {
      return () -> {};
    }
    log.warn("Redis is not reachable at start; connecting in the background every {}", RETRY);
    return Flux.fromIterable(unconnected)
        .flatMap(f ->
            Mono.fromCallable(() -> connect(f))
                .subscribeOn(Schedulers.boundedElastic())
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(Integer.MAX_VALUE, tries -> tries.delayElements(RETRY)))
        .doOnNext(connected -> {
          if (waiting.decrementAndGet() == 0) {
            log.info("Redis is reachable: every connection is made");
          }
        })
        .subscribe();
  }

  private static boolean connect(LettuceConnectionFactory factory) {
    try {
      factory.initConnection();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Health health() {
    int left = waiting.get();
    return left == 0
        ? Health.up().build()
        : Health.down().withDetail("waiting", left + " connections not made yet").build();
  }

  public ReactiveStringRedisTemplate background() {
    return background;
  }

  public ReactiveStringRedisTemplate ingest() {
    return ingest;
  }

  public ReactiveStringRedisTemplate reads() {
    return reads;
  }

  public ReactiveStringRedisTemplate relay() {
    return relay;
  }

  @Override
  public void destroy() {
    connecting.dispose();
    own.forEach(LettuceConnectionFactory::destroy);
  }
}
