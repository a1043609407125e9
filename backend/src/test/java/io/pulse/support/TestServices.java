package io.pulse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteKeys("pulse-it-" + RUN + "-*")));
    }
    return "pulse-it-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /**
   * Deletes every key matching {@code pattern}; best effort, as it runs while the JVM exits, when
   * the test contexts' own connections are closed already.
   */
  static long deleteKeys(String pattern) {
    LettuceConnectionFactory factory = new LettuceConnectionFactory(REDIS_HOST, REDIS_PORT);
    try {
      factory.start();
      return RedisKeys.deleteMatching(new ReactiveStringRedisTemplate(factory), pattern);
    } catch (RuntimeException e) {
      System.err.println("could not delete the test keys " + pattern + ": " + e);
      return 0;
    } finally {
      factory.destroy();
    }
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
