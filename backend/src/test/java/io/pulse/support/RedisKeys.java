package io.pulse.support;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/** Test helpers over the Redis keys of one test context. */
public final class RedisKeys {

  private RedisKeys() {}

  /** Deletes every key under the prefix: what a FLUSHALL does to this context, and only to it. */
  public static long deleteAll(ReactiveStringRedisTemplate redis, String prefix) {
    return deleteMatching(redis, prefix + ":*");
  }

  /** Deletes every key matching the glob {@code pattern}, a SCAN page at a time. */
  public static long deleteMatching(ReactiveStringRedisTemplate redis, String pattern) {
    return redis
        .scan(ScanOptions.scanOptions().match(pattern).count(1000).build())
        .buffer(500)
        .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
        .reduce(0L, Long::sum)
        .block();
  }
}
