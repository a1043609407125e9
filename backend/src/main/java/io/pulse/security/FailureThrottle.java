package io.pulse.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.ThrottledLog;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Failures (wrong passwords, unknown API keys, confirmation links that do not work) counted per
 * subject for a minute in Redis, so that every instance refuses alike once a subject has more than
 * its limit. Subjects are hashed into keys (a caller chooses them). While Redis is away nothing is
 * throttled: locking everyone out would be worse than a slower guess; each such miss is counted
 * ({@code pulse.security.throttle.unavailable}) and logged at most once a minute.
 *
 * <p>Its commands are subscribed on a thread that may block and answer on the parallel scheduler:
 * never on a Lettuce I/O thread, where a lazily made connection deadlocks (spring-data-redis#2289,
 * seen here when a sign-in came while Redis was coming back), and never with the password check
 * (bcrypt, CPU-heavy) on an I/O thread.
 */
public final class FailureThrottle {

  /** How long failures are counted, and a refused subject waits at most. */
  public static final int WINDOW_SECONDS = 60;

  /** A request waits at most this long for the count; past it, it is not throttled. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(FailureThrottle.class);

  private static final RedisScript<Long> FAIL =
      RedisScript.of(
          """
          local v = redis.call('INCR', KEYS[1])
          if v == 1 then
            redis.call('EXPIRE', KEYS[1], ARGV[1])
          end
          return v
          """,
          Long.class);

  private final String name;
  private final ReactiveStringRedisTemplate redis;
  private final IntSupplier limit;
  private final String keyPrefix;
  private final Counter refused;
  private final Counter unavailable;
  private final ThrottledLog unavailableLog = new ThrottledLog(log, Duration.ofMinutes(1));

  /**
   * @param name what is counted, in keys and metrics ({@code signin}, {@code apikey})
   * @param limit failures per subject and minute before it is refused
   */
  FailureThrottle(
      String name,
      IntSupplier limit,
      ReactiveStringRedisTemplate redis,
      String prefix,
      MeterRegistry meters,
      String refusedDescription) {
    this.name = name;
    this.redis = redis;
    this.limit = limit;
    this.keyPrefix = prefix + ":" + name + "-fail:";
    this.refused =
        Counter.builder("pulse.security.throttled")
            .tag("throttle", name)
            .description(refusedDescription)
            .register(meters);
    this.unavailable = unavailableCounter(meters, name);
  }

  /** Counts requests let through unthrottled because the throttle's store did not answer. */
  static Counter unavailableCounter(MeterRegistry meters, String throttle) {
    return Counter.builder("pulse.security.throttle.unavailable")
        .tag("throttle", throttle)
        .description("Requests let through unthrottled because Redis did not answer in time")
        .register(meters);
  }

  /** Whether requests of {@code subject} are refused for now. */
  public Mono<Boolean> blocked(String subject) {
    return redis
        .opsForValue()
        .get(key(subject))
        .map(v -> Long.parseLong(v) >= limit.getAsInt())
        .defaultIfEmpty(false)
        .doOnNext(b -> {
          if (b) {
            refused.increment();
          }
        })
        .timeout(TIMEOUT)
        .onErrorResume(e -> {
          unavailable(e);
          return Mono.just(false);
        })
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel());
  }

  /** Counts a failure of {@code subject}. */
  public Mono<Void> failed(String subject) {
    return redis
        .execute(FAIL, List.of(key(subject)), List.of(Integer.toString(WINDOW_SECONDS)))
        .then()
        .timeout(TIMEOUT)
        .onErrorResume(e -> {
          unavailable(e);
          return Mono.empty();
        })
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel());
  }

  private void unavailable(Throwable e) {
    unavailable.increment();
    unavailableLog.warn(
        name, () -> "the " + name + " throttle is unavailable, not throttling: " + e);
  }

  private String key(String subject) {
    return keyPrefix + ApiKeys.hash(subject);
  }
}
