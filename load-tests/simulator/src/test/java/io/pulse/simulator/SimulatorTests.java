package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole simulator against a stand-in backend that accepts everything. */
class SimulatorTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<JsonNode> imports = new CopyOnWriteArrayList<>();
  private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstBatch = new CountDownLatch(1);
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private HttpServer server;
  private String url;

  @BeforeEach
  void startBackend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/network/import", this::networkImport);
    server.createContext("/api/v1/feedback/batch", this::feedbackBatch);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopBackend() {
    server.stop(0);
  }

  private void networkImport(HttpExchange exchange) throws IOException {
    imports.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
    respond(exchange, "{\"brands\":{},\"regions\":{},\"dealers\":{}}");
  }

  private void feedbackBatch(HttpExchange exchange) throws IOException {
    JsonNode batch = JSON.readTree(exchange.getRequestBody().readAllBytes());
    batches.add(batch);
    respond(exchange, "{\"accepted\":%d,\"duplicates\":0,\"results\":[]}".formatted(batch.size()));
    firstBatch.countDown();
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Simulator simulator(String... args) {
    SimulatorOptions options = CommandLines.parse(new SimulatorOptions(), args);
    PulseClient client = new PulseClient(options.url(), message -> {});
    return new Simulator(
        options,
        client,
        Clock.systemUTC(),
        new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(errors, true, StandardCharsets.UTF_8));
  }

  @Test
  void importsTheNetworkAndBackfillsHistoryInBatchesOfAThousand() {
    Instant before = Instant.now();
    Simulator simulator =
        simulator(
            "--url", url,
            "--dealers", "3000",
            "--rate", "0",
            "--history-days", "7",
            "--history-events", "2500",
            "--concurrency", "2");

    int exitCode = simulator.run();

    assertThat(exitCode).isZero();
    assertThat(imports).hasSize(2);
    assertThat(imports.get(0).get("dealers").size()).isEqualTo(2_000);
    assertThat(imports.get(1).get("dealers").size()).isEqualTo(1_000);
    assertThat(batches).extracting(JsonNode::size).containsExactlyInAnyOrder(1_000, 1_000, 500);
    List<Instant> times = new ArrayList<>();
    for (JsonNode batch : batches) {
      for (JsonNode event : batch) {
        times.add(OffsetDateTime.parse(event.get("occurredAt").asString()).toInstant());
      }
    }
    assertThat(times)
        .allSatisfy(t ->
            assertThat(t)
                .isBetween(before.minus(Duration.ofDays(7)).minusSeconds(1), Instant.now()));
    assertThat(simulator.stats().snapshot().accepted()).isEqualTo(2_500);
    assertThat(simulator.stats().snapshot().errors()).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("network (seed 42)", "backfill done", "totals after");
  }

  @Test
  void featuredDealersGetTenToThirtyAnswersEveryDayOfTheHistory() {
    Instant end = Instant.now();
    Simulator simulator =
        simulator(
            "--url", url,
            "--dealers", "500",
            "--rate", "0",
            "--history-days", "5",
            "--history-events", "200",
            "--featured-dealers", "D00001,D00002",
            "--concurrency", "1");

    assertThat(simulator.run()).isZero();

    Map<String, int[]> perDay = new HashMap<>();
    List<Instant> times = new ArrayList<>();
    for (JsonNode batch : batches) {
      for (JsonNode event : batch) {
        Instant at = OffsetDateTime.parse(event.get("occurredAt").asString()).toInstant();
        times.add(at);
        String dealer = event.get("dealerId").asString();
        if (dealer.equals("D00001") || dealer.equals("D00002")) {
          int day = (int) Duration.between(at, end).toDays();
          perDay.computeIfAbsent(dealer, d -> new int[6])[Math.min(day, 5)]++;
        }
      }
    }
    // Their 10–30 a day, plus whatever the 200 network events give them (a few at most).
    assertThat(perDay.keySet()).containsExactlyInAnyOrder("D00001", "D00002");
    for (int[] days : perDay.values()) {
      for (int d = 0; d < 5; d++) {
        assertThat(days[d]).isBetween(10, 35);
      }
    }
    // Still one timeline in time order.
    assertThat(times).isSorted();
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("history loaded");
  }

  @Test
  void liveFeedRunsUntilStoppedAndPrintsTheTotals() throws Exception {
    Simulator simulator =
        simulator("--url", url, "--dealers", "500", "--rate", "100", "--no-import", "--quiet");
    Thread running = Thread.ofPlatform().start(simulator::run);

    assertThat(firstBatch.await(10, TimeUnit.SECONDS)).isTrue();
    simulator.requestStop();
    running.join(Duration.ofSeconds(15));

    assertThat(running.isAlive()).isFalse();
    assertThat(imports).isEmpty();
    FeedStats.Snapshot totals = simulator.stats().snapshot();
    assertThat(totals.sent()).isPositive();
    assertThat(totals.accepted()).isEqualTo(totals.sent());
    assertThat(totals.inFlight()).isZero();
    assertThat(batches).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 500));
    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("totals after").doesNotContain("network (seed");
  }
}
