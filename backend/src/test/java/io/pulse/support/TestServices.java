package io.pulse.support;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real local PostgreSQL and Redis, isolated per test JVM: a database of its own (created on
 * first use, dropped at exit) and Redis key prefixes of its own (their keys unlinked at exit, so
 * runs on a long-lived machine do not pile up keys in its Redis).
 */
public final class TestServices {

  public static final String DB_HOST = env("PULSE_DB_HOST", "127.0.0.1");
  public static final String DB_PORT = env("PULSE_DB_PORT", "5432");
  public static final String DB_USER = env("PULSE_DB_USER", "postgres");
  public static final String DB_PASSWORD = env("PULSE_DB_PASSWORD", "");
  public static final String REDIS_HOST = env("PULSE_REDIS_HOST", "127.0.0.1");
  public static final int REDIS_PORT = Integer.parseInt(env("PULSE_REDIS_PORT", "6379"));

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static volatile boolean created;
  private static volatile boolean redisCleanup;

  private TestServices() {}

  /** A database for this JVM, created once. */
  public static synchronized String database() {
    String name = "pulse_it_" + RUN;
    if (!created) {
      execute("postgres", "CREATE DATABASE " + name);
      created = true;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    }
    return name;
  }

  /** A fresh Redis key prefix; each Spring context gets its own. */
  public static synchronized String redisPrefix() {
    if (!redisCleanup) {
      redisCleanup = true;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> unlinkKeys("pulse-it-" + RUN + "-*")));
    }
    return "pulse-it-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** Unlinks every key matching {@code pattern}; best effort, as it runs while the JVM exits. */
  static long unlinkKeys(String pattern) {
    RedisClient client = RedisClient.create(RedisURI.create(REDIS_HOST, REDIS_PORT));
    long unlinked = 0;
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(pattern).limit(1000);
      KeyScanCursor<String> cursor = redis.scan(match);
      while (true) {
        if (!cursor.getKeys().isEmpty()) {
          unlinked += redis.unlink(cursor.getKeys().toArray(String[]::new));
        }
        if (cursor.isFinished()) {
          break;
        }
        cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
      }
    } catch (RuntimeException e) {
      System.err.println("could not unlink the test keys " + pattern + ": " + e);
    } finally {
      client.shutdown();
    }
    return unlinked;
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://%s:%s/%s".formatted(DB_HOST, DB_PORT, database);
  }

  public static String r2dbcUrl(String database) {
    return "r2dbc:postgresql://%s:%s/%s".formatted(DB_HOST, DB_PORT, database);
  }

  public static void execute(String database, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl(database), DB_USER, DB_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
