package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.support.MutableClock;
import io.pulse.support.TestServices;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The audit chain against a real PostgreSQL, in a database of each test's own (migrated by Flyway
 * as the application does): concurrent appends from two "instances" keep one valid chain, a row
 * changed or removed behind the triggers' back is found at its id, and SQL cannot change or remove
 * rows.
 */
class AuditChainIntegrationTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00.123456Z"));
  private final List<ConnectionPool> pools = new ArrayList<>();
  private String database;

  @BeforeEach
  void database() {
    database = "pulse_audit_" + UUID.randomUUID().toString().substring(0, 8);
    TestServices.execute("postgres", "CREATE DATABASE " + database);
    Flyway.configure()
        .dataSource(TestServices.jdbcUrl(database), TestServices.DB_USER, TestServices.DB_PASSWORD)
        .load()
        .migrate();
  }

  @AfterEach
  void drop() {
    pools.forEach(ConnectionPool::dispose);
    TestServices.execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  /** An instance's audit log, with a pool of its own. */
  private AuditLog instance() {
    var factory =
        ConnectionFactories.get(
            TestServices.r2dbcUrl(database)
                .replace(
                    "r2dbc:postgresql://", "r2dbc:postgresql://" + TestServices.DB_USER + "@"));
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(factory).initialSize(1).maxSize(8).build());
    pools.add(pool);
    return new AuditLog(DatabaseClient.create(pool), clock);
  }

  private void append(AuditLog log, int n) {
    Flux.range(0, n)
        .concatMap(i -> log.record("admin", "TEST", "row " + i, "10.0.0.1", AuditLog.Outcome.OK))
        .as(StepVerifier::create)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                TestServices.jdbcUrl(database), TestServices.DB_USER, TestServices.DB_PASSWORD);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** Every row, newest first. */
  private static List<AuditLog.Entry> rows(AuditLog log) {
    List<AuditLog.Entry> rows = new ArrayList<>();
    log.latest(1000, null)
        .as(StepVerifier::create)
        .recordWith(() -> rows)
        .thenConsumeWhile(e -> true)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    return rows;
  }

  /** The id of the {@code n}th row (1: the first). */
  private static long nthId(AuditLog log, int n) {
    List<AuditLog.Entry> all = rows(log);
    return all.get(all.size() - n).id();
  }

  @Test
  void concurrentAppendsOfTwoInstancesMakeOneValidChain() {
    AuditLog one = instance();
    AuditLog two = instance();
    int rows = 600;
    // 16 appends in flight over two pools of 8 connections: every one of them waits on the chain's
    // lock at some point. Fields vary over NULLs, non-ASCII and separators the encoding must keep
    // apart.
    Flux.range(0, rows)
        .flatMap(
            i -> {
              clock.advance(Duration.ofNanos(1_234_567));
              return (i % 2 == 0 ? one : two)
                  .record(
                      "user|" + i,
                      i % 3 == 0 ? "SIGN_IN" : "API_KEY_CREATED",
                      i % 5 == 0 ? null : "détail ✓ " + i + " 1:x|",
                      i % 7 == 0 ? null : "10.0.0." + (i % 11),
                      AuditLog.Outcome.values()[i % 3]);
            },
            16)
        .as(StepVerifier::create)
        .expectComplete()
        .verify(Duration.ofSeconds(60));

    one.verify(50)
        .as(StepVerifier::create)
        .assertNext(v -> {
          assertThat(v.verified()).isTrue();
          assertThat(v.checked()).isEqualTo(rows);
          assertThat(v.firstBrokenId()).isNull();
          assertThat(v.headHash()).hasSize(64);
        })
        .expectComplete()
        .verify(Duration.ofSeconds(30));
    // Ids follow the chain: each row links to the one with the next lower id.
    List<AuditLog.Entry> newestFirst = rows(two);
    for (int i = 0; i + 1 < newestFirst.size(); i++) {
      assertThat(newestFirst.get(i).prevHash()).isEqualTo(newestFirst.get(i + 1).hash());
    }
    assertThat(newestFirst.getLast().prevHash()).isEqualTo(AuditLog.GENESIS);
  }

  @Test
  void aChangedRowIsFoundAtItsId() throws SQLException {
    AuditLog log = instance();
    append(log, 30);
    long tampered = nthId(log, 18);
    // Replica mode skips ordinary triggers: what someone with the database's superuser could do.
    sql(
        "SET session_replication_role = replica",
        "UPDATE audit_log SET detail = 'nothing happened' WHERE id = " + tampered);

    log.verify(7)
        .as(StepVerifier::create)
        .assertNext(v -> {
          assertThat(v.verified()).isFalse();
          assertThat(v.firstBrokenId()).isEqualTo(tampered);
          assertThat(v.checked()).isEqualTo(17);
        })
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void aRemovedRowBreaksTheChainAtTheNextOne() throws SQLException {
    AuditLog log = instance();
    append(log, 10);
    long removed = nthId(log, 4);
    long next = nthId(log, 5);
    sql("SET session_replication_role = replica", "DELETE FROM audit_log WHERE id = " + removed);

    log.verify()
        .as(StepVerifier::create)
        .assertNext(v -> {
          assertThat(v.verified()).isFalse();
          assertThat(v.firstBrokenId()).isEqualTo(next);
        })
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void sqlCannotChangeOrRemoveRows() throws SQLException {
    AuditLog log = instance();
    append(log, 3);
    for (String statement :
        List.of(
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log")) {
      assertThatThrownBy(() -> sql(statement))
          .as(statement)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
    // Nor can an INSERT choose its own links: the database chains it.
    sql(
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, hash)"
            + " VALUES (999, now(), 'x', 'FORGED', repeat('a', 64), repeat('b', 64))");
    log.verify()
        .as(StepVerifier::create)
        .assertNext(v -> {
          assertThat(v.verified()).isTrue();
          assertThat(v.checked()).isEqualTo(4);
        })
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void anEmptyLogVerifies() {
    instance()
        .verify()
        .as(StepVerifier::create)
        .assertNext(v -> {
          assertThat(v.verified()).isTrue();
          assertThat(v.checked()).isZero();
          assertThat(v.headHash()).isNull();
        })
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }
}
