package io.pulse.faults;

import static org.awaitility.Awaitility.await;

import io.pulse.support.OwnPostgres;
import io.pulse.support.TestServices;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The PostgreSQL rows of the fault matrix (docs/reliability.md), against a PostgreSQL server of the
 * test's own: while a sender posts feedback and retries what is not acknowledged, PostgreSQL
 * crashes and restarts, and another client takes every connection slot while the backend's own
 * connections are cut. After each, with nobody's help: every acknowledged event is counted exactly
 * once, the open dealer stream kept going (it needs Redis, not PostgreSQL), and the time it took is
 * written to {@code target/fault-matrix.txt}.
 */
class PostgresFaultIntegrationTests extends FaultScenarios {

  static final OwnPostgres postgres;

  static {
    try {
      postgres = new OwnPostgres(30);
    } catch (IOException | InterruptedException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void ownPostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", postgres::r2dbcUrl);
    registry.add("spring.r2dbc.username", () -> "postgres");
    registry.add("spring.r2dbc.password", () -> "");
    registry.add("spring.flyway.url", postgres::jdbcUrl);
    registry.add("spring.flyway.user", () -> "postgres");
    registry.add("spring.flyway.password", () -> "");
    registry.add("pulse.windows.key-prefix", TestServices::redisPrefix);
  }

  @AfterAll
  static void stopPostgres() throws IOException, InterruptedException {
    postgres.close();
  }

  @Test
  void crashedAndRestartedDuringIngest() throws Exception {
    survives(
        "PostgreSQL crash (immediate stop), down until senders are refused, restart",
        w -> {
          int refused = w.sender().refusals();
          postgres.crash();
          await().atMost(Duration.ofSeconds(30)).until(() -> w.sender().refusals() > refused);
          postgres.start();
        });
  }

  /** Terminates the backend's connections; how many there were. */
  private static int cutBackend(OwnPostgres.Hog hog) throws java.sql.SQLException {
    try (var cut = hog.connections().getFirst().createStatement();
        var result =
            cut.executeQuery(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE pid <> pg_backend_pid() AND application_name <> 'PostgreSQL JDBC"
                    + " Driver' AND backend_type = 'client backend'")) {
      result.next();
      return result.getInt(1);
    }
  }

  @Test
  void everyConnectionSlotTakenByAnotherClient() throws Exception {
    survives(
        "PostgreSQL connection limit exhausted by another client, backend's connections cut",
        w -> {
          int refused = w.sender().refusals();
          try (OwnPostgres.Hog hog = postgres.exhaust()) {
            // The backend reconnects at once into the slots its cut connections free, so cut and
            // take the freed slots until it holds none (one cut alone could lose that race).
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                  int cut = cutBackend(hog);
                  postgres.takeRest(hog);
                  return cut == 0;
                });
            await().atMost(Duration.ofSeconds(30)).until(() -> w.sender().refusals() > refused);
          }
        });
  }
}
