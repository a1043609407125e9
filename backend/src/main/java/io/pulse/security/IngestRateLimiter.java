package io.pulse.security;

import io.pulse.api.Role;
import io.pulse.system.RedisConnections;
import io.pulse.system.TooManyRequestsException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Events per second per API key, counted in Redis so the limit holds across instances. A request
 * over the limit is refused whole (429, nothing stored) and does not use up the budget.
 */
@Component
public class IngestRateLimiter {

  private static final RedisScript<Long> TAKE =
      RedisScript.of(
          """
          local v = redis.call('INCRBY', KEYS[1], ARGV[1])
          if v > tonumber(ARGV[2]) then
            redis.call('DECRBY', KEYS[1], ARGV[1])
            return 0
          end
          redis.call('EXPIRE', KEYS[1], 2)
          return 1
          """,
          Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final SecurityProperties properties;
  private final Clock clock;
  private final String prefix;

  IngestRateLimiter(
      RedisConnections redis,
      SecurityProperties properties,
      Clock clock,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix) {
    this.redis = redis.ingest();
    this.properties = properties;
    this.clock = clock;
    this.prefix = prefix;
  }

  /** Takes {@code events} from the caller's budget of this second; ingest keys only. */
  public Mono<Void> take(PulseUser user, int events) {
    if (user.role() != Role.INGEST) {
      return Mono.empty();
    }
    int limit = properties.ingestEventsPerSecond();
    if (events > limit) {
      return Mono.error(
          new TooManyRequestsException(
              "A request may hold at most " + limit + " events for this key.", 1));
    }
    String key = prefix + ":rl:{" + user.name() + "}:" + clock.instant().getEpochSecond();
    return redis
        .execute(TAKE, List.of(key), List.of(Integer.toString(events), Integer.toString(limit)))
        .next()
        .flatMap(ok ->
            ok == 1
                ? Mono.<Void>empty()
                : Mono.error(
                    new TooManyRequestsException(
                        "Rate limit of %d events per second for this key; retry in a second."
                            .formatted(limit),
                        1)));
  }
}
