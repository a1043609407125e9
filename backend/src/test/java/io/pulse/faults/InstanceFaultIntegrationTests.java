package io.pulse.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.support.BackendProcess;
import io.pulse.support.Events;
import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.Ledger;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestClockConfiguration;
import io.pulse.support.TestNetwork;
import io.pulse.support.TestServices;
import io.pulse.window.AggregateKeys;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend rows of the fault matrix: a second instance, started from the packaged jar, is killed
 * with SIGKILL in the middle of a batch (the sender retries the same batch on this instance), and
 * another is started and stopped while streams are open here. Every acknowledged event is counted
 * exactly once, and the streams of the surviving instance go on.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.banner-mode=off",
      "pulse.windows.reconcile-interval=2s",
      "pulse.security.max-streams-per-user=10000",
      "spring.r2dbc.pool.initial-size=1",
      "spring.r2dbc.pool.max-size=5"
    })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = IsolatedServicesInitializer.class)
@Import(TestClockConfiguration.class)
class InstanceFaultIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired AggregateKeys keys;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();
  final Random random = new Random(5);
  TestNetwork network;
  Ledger ledger;
  Instant now;

  @BeforeEach
  void setUp() {
    // The other instance runs on the system clock: this one follows it.
    now = Instant.now();
    clock.set(now);
    client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    network = new TestNetwork(2, 2, 3).load(client);
    ledger = new Ledger(db, client, network);
  }

  private String here(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private String batch(List<UUID> ids, int size) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      events.add(
          Events.event(
              id,
              network.dealer(random.nextInt(network.dealerIds().size())),
              now.minusSeconds(30),
              Map.of("RECOMMEND", random.nextInt(11), "SPEED", 1 + random.nextInt(5))));
    }
    return Events.array(events);
  }

  private CompletableFuture<HttpResponse<String>> post(String url, String body) {
    return http.sendAsync(
        Events.batchRequest(url, body, Duration.ofSeconds(30)),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anInstanceKilledInTheMiddleOfABatchLosesAndDoublesNothing() throws Exception {
    Set<UUID> acknowledged = new HashSet<>();
    String watched = network.dealer(0);
    try (SseClient stream =
            SseClient.connect(here("/api/v1/stream/dealers/" + watched + "?window=30d"), Map.of());
        BackendProcess other =
            BackendProcess.start(
                TestServices.database(), keys.prefix(), "--pulse.windows.background=false")) {
      assertThat(stream.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
      // A few batches the other instance acknowledges, then one it is killed in the middle of.
      for (int i = 0; i < 3; i++) {
        List<UUID> ids = new ArrayList<>();
        assertThat(post(other.url(""), batch(ids, 200)).get().statusCode()).isEqualTo(200);
        acknowledged.addAll(ids);
      }
      List<UUID> inFlight = new ArrayList<>();
      String body = batch(inFlight, 1000);
      CompletableFuture<HttpResponse<String>> cut = post(other.url(""), body);
      // Killed once it has started on the batch: PostgreSQL has part of it or all of it, Redis
      // maybe some, and the sender has no answer.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> ledger.stored(inFlight) > 0 || cut.isDone());
      long storedAtKill = ledger.stored(inFlight);
      boolean answered = cut.isDone();
      other.kill();
      long killed = System.nanoTime();
      // The sender retries the same batch on the surviving instance.
      HttpResponse<String> retried = post(here(""), body).get();
      assertThat(retried.statusCode()).isEqualTo(200);
      acknowledged.addAll(inFlight);
      ledger.assertStored(acknowledged);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(ledger::assertCountedOnce);
      long countedMs = (System.nanoTime() - killed) / 1_000_000;
      // The survivor's stream shows the dealer's whole count.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lastResponses(stream) == ledger.storedFor(watched));
      FaultRecord.write(
          "Backend kill -9 in the middle of a 1,000-event batch, retried on another instance",
          "%d of the batch stored and %s when killed; %d acknowledged in all, every one counted"
                  .formatted(
                      storedAtKill, answered ? "answered" : "unanswered", acknowledged.size())
              + " exactly once %d ms after the kill; the survivor's stream shows them"
                  .formatted(countedMs));
    }
  }

  @Test
  void aSecondInstanceStartedAndStoppedWhileStreamsAreOpen() throws Exception {
    String watched = network.dealer(1);
    try (SseClient stream =
        SseClient.connect(here("/api/v1/stream/dealers/" + watched + "?window=30d"), Map.of())) {
      assertThat(stream.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
      long started = System.nanoTime();
      try (BackendProcess other = BackendProcess.start(TestServices.database(), keys.prefix())) {
        // Ingested there, seen here.
        assertThat(post(other.url(""), single(watched)).get().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastResponses(stream) == 1);
        other.stop();
      }
      // Gone again: this instance's stream goes on, ingest here moves it.
      assertThat(post(here(""), single(watched)).get().statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> lastResponses(stream) == 2);
      long ms = (System.nanoTime() - started) / 1_000_000;
      FaultRecord.write(
          "A second backend instance started and stopped while streams are open",
          "its ingest moved this instance's open stream, and after it stopped this instance's"
              + " ingest did; the stream never closed (%d ms from start to stop)".formatted(ms));
    }
  }

  private String single(String dealer) {
    return Events.array(
        List.of(
            Events.event(UUID.randomUUID(), dealer, now.minusSeconds(5), Map.of("RECOMMEND", 9))));
  }

  private final Map<SseClient, Long> last = new ConcurrentHashMap<>();

  /** The newest responses count the stream has shown (reads what has arrived, never waits). */
  private long lastResponses(SseClient stream) throws InterruptedException {
    SseClient.Message m;
    while ((m = stream.nextEvent(Duration.ofMillis(50))) != null) {
      if ("snapshot".equals(m.event()) || "update".equals(m.event())) {
        last.put(stream, json.readTree(m.data()).at("/index/responses").asLong());
      }
    }
    return last.getOrDefault(stream, -1L);
  }
}
