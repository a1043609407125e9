package io.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Compares what PostgreSQL holds with what the aggregates count, for one test network: every
 * acknowledged event is stored, and every stored event is counted exactly once in its dealer and in
 * its brand × region cell.
 */
public final class Ledger {

  private final DatabaseClient db;
  private final WebTestClient client;
  private final TestNetwork network;

  public Ledger(DatabaseClient db, WebTestClient client, TestNetwork network) {
    this.db = db;
    this.client = client;
    this.network = network;
  }

  /** Every acknowledged event is stored in PostgreSQL. */
  public void assertStored(Set<UUID> acknowledged) {
    assertThat(stored(acknowledged)).isEqualTo((long) acknowledged.size());
  }

  /** How many of {@code ids} PostgreSQL holds. */
  public long stored(Collection<UUID> ids) {
    return db.sql("SELECT count(*) AS n FROM feedback_event WHERE event_id = ANY(:ids::uuid[])")
        .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
        .map(r -> r.get("n", Long.class))
        .one()
        .block();
  }

  /** Each dealer and each cell counts exactly the events PostgreSQL holds for it. */
  public void assertCountedOnce() {
    Map<String, Long> stored = new LinkedHashMap<>();
    Map<String, Long> counted = new LinkedHashMap<>();
    Map<String, Long> storedPerCell = new LinkedHashMap<>();
    for (String dealer : network.dealerIds()) {
      long n = storedFor(dealer);
      stored.put(dealer, n);
      counted.put(dealer, responses("/api/v1/dealers/" + dealer + "/index?window=30d"));
      storedPerCell.merge(network.brandOf(dealer) + "/" + network.regionOf(dealer), n, Long::sum);
    }
    Map<String, Long> countedPerCell = new LinkedHashMap<>();
    storedPerCell
        .keySet()
        .forEach(cell -> {
          String[] br = cell.split("/");
          countedPerCell.put(
              cell,
              responses("/api/v1/brands/" + br[0] + "/regions/" + br[1] + "/index?window=30d"));
        });
    assertThat(counted).as("dealers").isEqualTo(stored);
    assertThat(countedPerCell).as("brand x region cells").isEqualTo(storedPerCell);
  }

  /** How many events PostgreSQL holds for {@code dealer}. */
  public long storedFor(String dealer) {
    return db.sql("SELECT count(*) AS n FROM feedback_event WHERE dealer_id = :d")
        .bind("d", dealer)
        .map(r -> r.get("n", Long.class))
        .one()
        .block();
  }

  private long responses(String uri) {
    Map<?, ?> body =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return body != null && body.get("responses") instanceof Number n ? n.longValue() : 0;
  }
}
