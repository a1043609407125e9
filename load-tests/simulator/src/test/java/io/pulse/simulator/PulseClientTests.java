package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pulse.api.Channel;
import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PulseClientTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final RetryPolicy RETRY =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private PulseClient client;

  private record Reply(int status, String contentType, String body, Map<String, String> headers) {}

  private record Received(String method, String path, String contentType, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    client = clientFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private PulseClient clientFor(URI url) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return new PulseClient(url, http, RETRY, pauses::add, warnings::add);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body));
    Reply reply = replies.poll();
    if (reply == null) {
      reply = new Reply(500, "text/plain", "no reply scripted", Map.of());
    }
    exchange.getResponseHeaders().add("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void reply(int status, String body) {
    reply(status, body, Map.of());
  }

  private void reply(int status, String body, Map<String, String> headers) {
    String type = status >= 400 ? "application/problem+json" : "application/json";
    replies.add(new Reply(status, type, body, headers));
  }

  @Test
  void sendsEachEventAsTheApiExpects() throws Exception {
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    scores.put(Parameter.RECOMMEND, 9);
    scores.put(Parameter.SPEED, 3);
    FeedbackEvent full =
        new FeedbackEvent(
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "D00042",
            JourneyStage.HANDOVER,
            OffsetDateTime.parse("2026-11-23T10:15:30+03:00"),
            scores,
            "<script>alert(1)</script> \"quoted\" & 'single'",
            Channel.SMS,
            "9f86d081884c7d659a2feaa0c55ad015");
    FeedbackEvent bare =
        new FeedbackEvent(
            UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            "D00043",
            JourneyStage.FIRST_CONTACT,
            OffsetDateTime.parse("2026-11-23T17:00:00+10:00"),
            Map.of(Parameter.COMMUNICATION, 1),
            null,
            null,
            null);
    reply(
        200,
        """
        {"accepted":1,"duplicates":1,"results":[
          {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","status":"ACCEPTED"},
          {"eventId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","status":"DUPLICATE"}]}
        """);

    BatchOutcome outcome = client.sendBatch(List.of(full, bare));

    assertThat(outcome).isEqualTo(new BatchOutcome(2, 1, 1, 0, 0, 1));
    assertThat(received).hasSize(1);
    Received request = received.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/v1/feedback/batch");
    assertThat(request.contentType()).isEqualTo("application/json");
    JsonNode sent = JSON.readTree(request.body());
    assertThat(sent.isArray()).isTrue();
    assertThat(sent.size()).isEqualTo(2);
    assertThat(sent.get(0))
        .isEqualTo(
            JSON.readTree(
                """
                {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","dealerId":"D00042",
                 "stage":"HANDOVER","occurredAt":"2026-11-23T10:15:30+03:00",
                 "scores":{"RECOMMEND":9,"SPEED":3},
                 "comment":"<script>alert(1)</script> \\"quoted\\" & 'single'",
                 "channel":"SMS","customerRef":"9f86d081884c7d659a2feaa0c55ad015"}
                """));
    assertThat(sent.get(1))
        .isEqualTo(
            JSON.readTree(
                """
                {"eventId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","dealerId":"D00043",
                 "stage":"FIRST_CONTACT","occurredAt":"2026-11-23T17:00:00+10:00",
                 "scores":{"COMMUNICATION":1}}
                """));
    assertThat(pauses).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void theBodyIsTheApiRecordsInTheirOrderWithScoresInParameterOrder() {
    FeedbackEvent event =
        new FeedbackEvent(
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "D00042",
            JourneyStage.SERVICE_VISIT,
            OffsetDateTime.parse("2026-11-23T10:15:00+03:00"),
            Map.of(
                Parameter.RETURN,
                5,
                Parameter.RECOMMEND,
                9,
                Parameter.VISIT,
                4,
                Parameter.SPEED,
                3),
            null,
            Channel.APP,
            null);

    String body = new String(PulseClient.batchBody(List.of(event)), StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo(
            "[{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"dealerId\":\"D00042\","
                + "\"stage\":\"SERVICE_VISIT\",\"occurredAt\":\"2026-11-23T10:15:00+03:00\","
                + "\"scores\":{\"VISIT\":4,\"RECOMMEND\":9,\"SPEED\":3,\"RETURN\":5},"
                + "\"channel\":\"APP\"}]");
  }

  @Test
  void retriesTheSameBatchAfterA503WithBackoff() throws Exception {
    List<FeedbackEvent> batch = events(3);
    reply(503, "{\"title\":\"Service Unavailable\",\"detail\":\"store is down\"}");
    reply(503, "", Map.of("Retry-After", "1"));
    reply(503, "");
    reply(200, "{\"accepted\":3,\"duplicates\":0,\"results\":[]}");

    BatchOutcome outcome = client.sendBatch(batch);

    assertThat(outcome).isEqualTo(new BatchOutcome(3, 3, 0, 0, 0, 4));
    assertThat(received).hasSize(4);
    assertThat(received).extracting(Received::body).containsOnly(received.getFirst().body());
    // Exponential backoff, stretched to the server's Retry-After and capped at the maximum.
    assertThat(pauses)
        .containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(400));
  }

  @Test
  void givesUpAfterTheLastAttemptAndCountsTheBatchAsFailed() throws Exception {
    for (int i = 0; i < RETRY.maxAttempts(); i++) {
      reply(503, "{\"detail\":\"still down\"}");
    }

    BatchOutcome outcome = client.sendBatch(events(2));

    assertThat(outcome).isEqualTo(BatchOutcome.failed(2, RETRY.maxAttempts()));
    assertThat(received).hasSize(RETRY.maxAttempts());
    assertThat(pauses).hasSize(RETRY.maxAttempts() - 1);
    assertThat(warnings).singleElement().asString().contains("HTTP 503", "still down");
  }

  @Test
  void logsTheProblemOfARejectedBatchAndDoesNotRetryIt() throws Exception {
    reply(
        400,
        """
        {"type":"about:blank","title":"Bad Request","status":400,
         "detail":"2 events are invalid",
         "errors":[{"field":"[0].scores.SPEED","message":"7 is outside 1–5"}]}
        """);

    BatchOutcome outcome = client.sendBatch(events(5));

    assertThat(outcome).isEqualTo(BatchOutcome.rejected(5, 1));
    assertThat(received).hasSize(1);
    assertThat(pauses).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("HTTP 400", "2 events are invalid", "[0].scores.SPEED", "7 is outside 1–5");
  }

  @Test
  void countsTheResultsWhenTheSummaryHasNoTotals() throws Exception {
    reply(
        200,
        """
        {"results":[{"eventId":"a","status":"ACCEPTED"},{"eventId":"b","status":"DUPLICATE"},
                    {"eventId":"c","status":"DUPLICATE"}]}
        """);

    assertThat(client.sendBatch(events(3))).isEqualTo(new BatchOutcome(3, 1, 2, 0, 0, 1));
  }

  @Test
  void retriesWhenTheBackendCannotBeReachedThenFails() throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    PulseClient unreachable = clientFor(URI.create("http://127.0.0.1:" + port));

    BatchOutcome outcome = unreachable.sendBatch(events(1));

    assertThat(outcome).isEqualTo(BatchOutcome.failed(1, RETRY.maxAttempts()));
    assertThat(pauses).hasSize(RETRY.maxAttempts() - 1);
    assertThat(warnings).singleElement().asString().contains("no answer");
  }

  @Test
  void importsTheNetworkInChunksWithBrandsAndRegionsFirst() throws Exception {
    SimulatedNetwork network = NetworkGenerator.generate(42, 4_500, 20, 85);
    for (int i = 0; i < 3; i++) {
      reply(200, "{\"dealers\":{\"created\":1500,\"unchanged\":0}}");
    }

    List<JsonNode> summaries = client.importNetwork(network);

    assertThat(summaries).hasSize(3);
    assertThat(received).extracting(Received::path).containsOnly("/api/v1/network/import");
    List<JsonNode> bodies = new ArrayList<>();
    for (Received request : received) {
      bodies.add(JSON.readTree(request.body()));
    }
    assertThat(bodies.get(0).get("brands").size()).isEqualTo(20);
    assertThat(bodies.get(0).get("regions").size()).isEqualTo(85);
    assertThat(bodies.get(0).get("regions").get(0))
        .isEqualTo(JSON.readTree("{\"id\":\"R01\",\"name\":\"Moscow\"}"));
    assertThat(bodies.get(1).get("brands").size()).isZero();
    assertThat(bodies.get(2).get("regions").size()).isZero();
    assertThat(bodies)
        .extracting(body -> body.get("dealers").size())
        .containsExactly(2_000, 2_000, 500);
    Dealer first = network.dealers().getFirst();
    assertThat(bodies.get(0).get("dealers").get(0))
        .isEqualTo(
            JSON.readTree(
                JSON.writeValueAsString(
                    Map.of(
                        "id", first.id(),
                        "name", first.name(),
                        "brandId", first.brandId(),
                        "regionId", first.regionId(),
                        "city", first.city(),
                        "timeZone", first.timeZone()))));
    assertThat(bodies.get(2).get("dealers").get(499).get("id").asString()).isEqualTo("D04500");
  }

  @Test
  void aRefusedImportFailsWithTheProblemDetail() {
    reply(400, "{\"title\":\"Bad Request\",\"detail\":\"dealer D00001: unknown brand X\"}");

    assertThatExceptionOfType(PulseClientException.class)
        .isThrownBy(() -> client.importNetwork(NetworkGenerator.generate(1, 10, 2, 3)))
        .withMessageContaining("HTTP 400")
        .withMessageContaining("unknown brand X");
  }

  private static List<FeedbackEvent> events(int count) {
    Instant now = Instant.parse("2026-11-23T07:00:00Z");
    SimulatedNetwork network = NetworkGenerator.generate(7, 50, 3, 5);
    FeedbackGenerator generator = FeedbackGenerator.trendingUntil(network, now);
    SplittableRandom rng = new SplittableRandom(count);
    List<FeedbackEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(generator.next(network.dealers().get(i), rng, now));
    }
    return events;
  }
}
