package io.pulse.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

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
 */
@Component
public class RedisConnections implements DisposableBean {

  private final ReactiveStringRedisTemplate background;
  private final ReactiveStringRedisTemplate ingest;
  private final ReactiveStringRedisTemplate reads;
  private final ReactiveStringRedisTemplate relay;
  private final List<LettuceConnectionFactory> own = new ArrayList<>();

  RedisConnections(
      ReactiveStringRedisTemplate application, LettuceConnectionFactory applicationFactory) {
    // Connect now, on the starting thread, and again on every restart of the factory. Connected
    // lazily, a shared connection is made by whichever thread first needs it, which may be a
    // Lettuce I/O thread finishing another command: it then blocks on a connect that needs that
    // very thread, and the instance's Redis work stops (seen in the fault tests; known as
    // spring-data-redis#2289). The application's factory has started (lazily) by now, so its
    // connections are made here.
    applicationFactory.setEagerInitialization(true);
    applicationFactory.initConnection();
    this.background = application;
    this.ingest = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
    this.reads = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
    this.relay = new ReactiveStringRedisTemplate(likeThe(applicationFactory));
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
    factory.setEagerInitialization(true);
    factory.afterPropertiesSet();
    factory.start();
    own.add(factory);
    return factory;
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
    own.forEach(LettuceConnectionFactory::destroy);
  }
}
