package io.pulse.support;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Everything a test context has stored, to prove a request stored nothing: every Redis key under
 * the context's prefix with its serialized value (a digest of {@code DUMP}), and the row count of
 * every table in PostgreSQL. Failed sign-in and unknown key counters, read buckets and the audit
 * log are left out: counting and recording hostile attempts is their job, and they touch no one
 * else's data.
 */
public record StoreSnapshot(Map<String, String> redis, Map<String, Long> rows) {

  private static final List<String> TABLES =
      List.of("brand", "region", "dealer", "dealer_seq", "feedback_event", "api_key", "alert");

  /** A digest of the key's serialized value: equal digests, equal values. */
  private static final RedisScript<String> DIGEST =
      RedisScript.of("return redis.sha1hex(redis.call('DUMP', KEYS[1]) or '')", String.class);

  public static StoreSnapshot take(
      ReactiveStringRedisTemplate redis, String prefix, DatabaseClient db) {
    Map<String, String> keys =
        redis
            .scan(ScanOptions.scanOptions().match(prefix + ":*").count(1000).build())
            .filter(key ->
                !key.startsWith(prefix + ":signin-fail:")
                    && !key.startsWith(prefix + ":apikey-fail:")
                    && !key.startsWith(prefix + ":reads:"))
            .concatMap(key ->
                redis
                    .execute(DIGEST, List.of(key))
                    .next()
                    .map(v -> Map.entry(key, v))
                    .defaultIfEmpty(Map.entry(key, "")))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
            .block();
    Map<String, Long> rows =
        Flux.fromIterable(TABLES)
            .concatMap(table ->
                db.sql("SELECT count(*) AS n FROM " + table)
                    .map(r -> r.get("n", Long.class))
                    .one()
                    .map(n -> Map.entry(table, n)))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
            .block();
    return new StoreSnapshot(keys, rows);
  }
}
