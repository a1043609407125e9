package io.pulse.window;

import io.pulse.system.RedisConnections;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lets one instance of many run a periodic pass: the first to take a pass's lease runs it, the
 * others skip it. A lease is a Redis key that expires by itself, so an instance that dies holding
 * one holds up nobody for longer than the lease. Work that is only worth doing once per period (the
 * reconciler compares every dealer with PostgreSQL) then costs the same with one instance or ten.
 */
@Component
public class PassLease {

  private final RedisConnections redis;
  private final AggregateKeys keys;
  private final String holder = UUID.randomUUID().toString();

  PassLease(RedisConnections redis, AggregateKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Takes the lease on {@code pass} for {@code length} if nobody holds it; true if taken. */
  public Mono<Boolean> take(String pass, Duration length) {
    return redis
        .background()
        .opsForValue()
        .setIfAbsent(key(pass), holder, length)
        .defaultIfEmpty(false)
        // What follows (the pass) must not run on the Lettuce I/O thread.
        .publishOn(Schedulers.parallel());
  }

  String key(String pass) {
    return keys.prefix() + ":lease:" + pass;
  }
}
