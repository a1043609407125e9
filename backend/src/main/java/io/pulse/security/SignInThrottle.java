package io.pulse.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.RedisConnections;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Guessing passwords costs a minute per {@code pulse.security.failed-sign-ins-per-minute} tries per
 * user name and source address, counted in Redis so that every instance refuses alike. The source
 * is part of the count so that a stranger failing under someone's name does not lock that person
 * out from their own address. Names are hashed into keys (a caller chooses them). While Redis is
 * away sign-ins are not throttled: locking everyone out would be worse than a slower guess.
 *
 * <p>Its commands are subscribed on a thread that may block and answer on the parallel scheduler:
 * never on a Lettuce I/O thread, where a lazily made connection deadlocks (spring-data-redis#2289,
 * seen here when a sign-in came while Redis was coming back), and never with the password check
 * (bcrypt, CPU-heavy) on an I/O thread.
 */
@Component
class SignInThrottle {

  static final int WINDOW_SECONDS = 60;

  /** A sign-in waits at most this long for the count; past it, it is not throttled. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

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

  private final ReactiveStringRedisTemplate redis;
  private final SecurityProperties properties;
  private final String prefix;
  private final Counter refused;

  SignInThrottle(
      RedisConnections redis,
      SecurityProperties properties,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix,
      MeterRegistry meters) {
    this.redis = redis.ingest();
    this.properties = properties;
    this.prefix = prefix;
    this.refused =
        Counter.builder("pulse.security.signins.throttled")
            .description("Sign-ins refused because their user name had too many failures")
            .register(meters);
  }

  /** Whether sign-ins under {@code name} from {@code source} are refused for now. */
  Mono<Boolean> blocked(String name, String source) {
    return redis
        .opsForValue()
        .get(key(name, source))
        .map(v -> Long.parseLong(v) >= properties.failedSignInsPerMinute())
        .defaultIfEmpty(false)
        .doOnNext(b -> {
          if (b) {
            refused.increment();
          }
        })
        .timeout(TIMEOUT)
        .onErrorResume(e -> {
          log.debug("sign-in throttle unavailable: {}", e.toString());
          return Mono.just(false);
        })
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel());
  }

  /** Counts a failed sign-in under {@code name} from {@code source}. */
  Mono<Void> failed(String name, String source) {
    return redis
        .execute(FAIL, List.of(key(name, source)), List.of(Integer.toString(WINDOW_SECONDS)))
        .then()
        .timeout(TIMEOUT)
        .onErrorResume(e -> Mono.empty())
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel());
  }

  private String key(String name, String source) {
    return prefix + ":signin-fail:" + ApiKeys.hash(name.toLowerCase(Locale.ROOT) + "\n" + source);
  }

  /**
   * The caller's address, from the exchange Spring Security keeps in the Reactor context (behind a
   * proxy: the proxy's, unless forwarded headers are trusted).
   */
  static Mono<String> source() {
    return Mono.deferContextual(ctx ->
        Mono.just(
            ctx.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                .map(ServerWebExchange::getRequest)
                .map(r -> r.getRemoteAddress())
                .map(a ->
                    a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress())
                .orElse("unknown")));
  }
}
