package io.pulse.faults;

import static org.awaitility.Awaitility.await;

import io.pulse.support.Events;
import io.pulse.support.Ledger;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.SteadySender;
import io.pulse.support.TestClockConfiguration;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every row of the fault matrix does around its fault: a sender posts feedback and retries
 * what is not acknowledged, a dealer stream is open all along; after the fault, with nobody's help,
 * every acknowledged event must be counted exactly once (PostgreSQL against the aggregates, per
 * dealer and per cell) and a new event must reach the open stream. The times are written to {@code
 * target/fault-matrix.txt} for docs/reliability.md.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.banner-mode=off",
      "spring.data.redis.timeout=1s",
      "spring.data.redis.connect-timeout=1s",
      "pulse.windows.reconcile-interval=2s",
      "pulse.windows.ready-check-interval=1s",
      "pulse.streams.relay-heartbeat=250ms",
      "pulse.streams.relay-stale-after=1500ms",
      "pulse.streams.heartbeat=1s",
      "pulse.security.max-streams-per-user=10000",
      "spring.r2dbc.pool.initial-size=1",
      "spring.r2dbc.pool.max-size=5"
    })
@AutoConfigureWebTestClient
@Import(TestClockConfiguration.class)
abstract class FaultScenarios {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  final Instant now = Instant.parse("2026-11-23T10:00:30Z");
  TestNetwork network;
  Ledger ledger;

  @BeforeEach
  void setUp() {
    clock.set(now);
    client = client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    network = new TestNetwork(2, 2, 3).load(client);
    ledger = new Ledger(db, client, network);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** What one fault does to Redis, given a moment of ingest before and after it. */
  @FunctionalInterface
  protected interface Fault {
    void inject(Watch watch) throws Exception;
  }

  /** What the test sees while a fault happens: the open stream's events and the sender. */
  protected record Watch(List<SseClient.Message> stream, SteadySender sender) {

    boolean saidPaused() {
      return stream.stream()
          .anyMatch(m -> "status".equals(m.event()) && m.data().contains("\"live\":false"));
    }
  }

  /**
   * Runs a sender through {@code inject} with a dealer stream open, then checks that every
   * acknowledged event is counted exactly once and a new event reaches the stream, and records how
   * long each took after the fault.
   */
  protected void survives(String fault, Fault inject) throws Exception {
    String watched = network.dealer(0);
    try (SseClient stream =
            SseClient.connect(url("/api/v1/stream/dealers/" + watched + "?window=30d"), Map.of());
        SteadySender sender =
            new SteadySender(url(""), network.dealerIds(), now.minusSeconds(60), 20)) {
      List<SseClient.Message> seen = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> collect(stream, seen));
      await().atMost(Duration.ofSeconds(10)).until(() -> sender.batches() >= 5);

      Watch watch = new Watch(seen, sender);
      inject.inject(watch);
      long recovered = System.nanoTime();

      int batches = sender.batches();
      await().atMost(Duration.ofSeconds(15)).until(() -> sender.batches() >= batches + 5);
      Set<UUID> acknowledged = sender.stop();
      ledger.assertStored(acknowledged);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(ledger::assertCountedOnce);
      long countedMs = (System.nanoTime() - recovered) / 1_000_000;

      // A new event reaches the stream that was open all along.
      long before = latestResponses(seen);
      post(watched);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> latestResponses(seen) > before && live(seen));
      long streamMs = (System.nanoTime() - recovered) / 1_000_000;
      FaultRecord.write(
          fault,
          "%d acknowledged, %d attempts refused and retried; stream said paused: %s; every"
                  .formatted(acknowledged.size(), sender.refusals(), watch.saidPaused())
              + " acknowledged event counted exactly once %d ms after the fault ended, a new event"
                  .formatted(countedMs)
              + " on the stream open all along %d ms after".formatted(streamMs));
    }
  }

  private void collect(SseClient stream, List<SseClient.Message> seen) {
    try {
      SseClient.Message m;
      while ((m = stream.nextEvent(Duration.ofSeconds(60))) != null) {
        seen.add(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The newest count of responses the stream showed. */
  private long latestResponses(List<SseClient.Message> seen) {
    for (int i = seen.size() - 1; i >= 0; i--) {
      SseClient.Message m = seen.get(i);
      if ("snapshot".equals(m.event()) || "update".equals(m.event())) {
        JsonNode index = json.readTree(m.data()).get("index");
        return index.get("responses").asLong();
      }
    }
    return -1;
  }

  /** The stream's last word on its status is "live" (or it never said otherwise). */
  private static boolean live(List<SseClient.Message> seen) {
    List<SseClient.Message> statuses = new ArrayList<>();
    seen.stream().filter(m -> "status".equals(m.event())).forEach(statuses::add);
    return statuses.isEmpty() || statuses.getLast().data().contains("\"live\":true");
  }

  private void post(String dealer) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            client
                .post()
                .uri("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Events.event(UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", 10)))
                .exchange()
                .expectStatus()
                .isAccepted());
  }
}
