package io.pulse.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.ThrottledLog;
import io.pulse.system.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A token bucket per user for reads that scan PostgreSQL ({@link ExpensiveReadProperties}), kept in
 * Redis so the limit holds across instances. Over the limit: 429 with the seconds until the next
 * token in {@code Retry-After}. While Redis is away reads are not limited (an analyst locked out is
 * worse than a busier database); each such read is counted ({@code
 * pulse.security.throttle.unavailable}, {@code throttle=expensive-reads}) and logged at most once a
 * minute. Time is the application's clock, so every instance and every test agrees on it.
 */
public class ExpensiveReadLimiter {

  /** A read waits at most this long for the bucket; past it, it is not limited. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ExpensiveReadLimiter.class);

  /**
   * Refills the bucket for the time since its last read, then takes a token: returns -1 when taken,
   * else the milliseconds until a token is there. A clock that went back refills nothing.
   */
  private static final RedisScript<Long> TAKE =
      RedisScript.of(
          """
          local burst = tonumber(ARGV[1])
          local per_ms = tonumber(ARGV[2]) / 60000
          local now = tonumber(ARGV[3])
          local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
          local tokens = tonumber(b[1]) or burst
          local at = tonumber(b[2]) or now
          tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
          local wait = -1
          if tokens >= 1 then
            tokens = tokens - 1
          else
            wait = math.ceil((1 - tokens) / per_ms)
          end
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
          redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_ms) + 1000)
          return wait
          """,
          Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final ExpensiveReadProperties properties;
  private final Access access;
  private final Clock clock;
  private final String prefix;
  private final Counter limited;
  private final Counter unavailable;
  private final ThrottledLog unavailableLog = new ThrottledLog(log, Duration.ofMinutes(1));

  ExpensiveReadLimiter(
      ReactiveStringRedisTemplate redis,
      ExpensiveReadProperties properties,
      Access access,
      Clock clock,
      String prefix,
      MeterRegistry meters) {
    this.redis = redis;
    this.properties = properties;
    this.access = access;
    this.clock = clock;
    this.prefix = prefix;
    this.limited =
        Counter.builder("pulse.security.throttled")
            .tag("throttle", "expensive-reads")
            .description("Expensive reads refused because their user was over the limit")
            .register(meters);
    this.unavailable = FailureThrottle.unavailableCounter(meters, "expensive-reads");
  }

  /**
   * Takes a token of the current caller; 429 when there is none. Admins are not limited: they
   * operate the installation, and the UI reads the backend with an admin service credential on
   * behalf of all its people (one bucket would cap the whole UI at a few dozen open cabinets) until
   * it acts as the signed-in person.
   */
  public Mono<Void> take() {
    return access.user().filter(u -> !u.isAdmin()).flatMap(u -> take(u.name()));
  }

  Mono<Void> take(String user) {
    String key = prefix + ":reads:" + ApiKeys.hash(user);
    return redis
        .execute(
            TAKE,
            List.of(key),
            List.of(
                Integer.toString(properties.burst()),
                Integer.toString(properties.perMinute()),
                Long.toString(clock.millis())))
        .next()
        // Subscribed where blocking is allowed: a lazily made connection takes a lock, which must
        // not hold up an event loop (see FailureThrottle).
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(TIMEOUT)
        .onErrorResume(e -> {
          unavailable.increment();
          unavailableLog.warn(
              "unavailable", () -> "the expensive-read limit is unavailable, not limiting: " + e);
          return Mono.empty();
        })
        // Never continue on a Lettuce I/O thread: the read that follows queries PostgreSQL and
        // Redis again.
        .publishOn(Schedulers.parallel())
        .flatMap(wait -> {
          if (wait < 0) {
            return Mono.empty();
          }
          limited.increment();
          return Mono.error(
              new TooManyRequestsException(
                  "Rate limit of %d analyses per minute for this user; retry later."
                      .formatted(properties.perMinute()),
                  Math.max(1, (wait + 999) / 1000)));
        });
  }
}
