package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.PulseApplication;
import io.pulse.api.Scope;
import io.pulse.figures.IndexQueryService;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestNetwork;
import io.pulse.support.TestServices;
import io.pulse.window.AggregateKeys;
import io.pulse.window.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.streams.heartbeat=1s",
      "pulse.streams.idle-upstream-grace=500ms",
      "pulse.streams.feed-backlog=5"
    })
class StreamIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired IndexStreams indexStreams;
  @Autowired AggregateKeys keys;
  @Autowired JsonMapper json;
  @Autowired IndexQueryService index;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  TestNetwork network;
  Instant now = Instant.parse("2026-11-23T10:00:30Z");

  @BeforeEach
  void setUp() {
    clock.set(now);
    network = new TestNetwork(1, 2, 2).load(client);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void post(String dealer, int count, int recommend) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          Events.event(UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", recommend, "SPEED", 4)));
    }
    Events.postNew(client, events);
  }

  private static JsonNode verdict(JsonNode update, String parameter) {
    for (JsonNode v : update.get("verdicts")) {
      if (parameter.equals(v.get("parameter").asString())) {
        return v;
      }
    }
    throw new AssertionError("no verdict for " + parameter + " in " + update);
  }

  private JsonNode data(SseClient.Message m) {
    return json.readTree(m.data());
  }

  @Test
  void aSpecCompliantClientSeesSnapshotThenUpdateThenHeartbeat() throws Exception {
    String d = network.dealer(0);
    try (SseClient sse =
        SseClient.connect(url("/api/v1/stream/dealers/" + d + "?window=1h"), Map.of())) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(sse.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
      assertThat(sse.headers().firstValue("X-Accel-Buffering")).contains("no");

      SseClient.Message snapshot = sse.nextEvent(Duration.ofSeconds(5));
      assertThat(snapshot).isNotNull();
      assertThat(snapshot.event()).isEqualTo("snapshot");
      // The configured 3 s plus up to as much again at random, per connection.
      assertThat(snapshot.retry()).isBetween(3000L, 6000L);
      assertThat(snapshot.id()).isNotBlank();
      assertThat(data(snapshot).at("/index/responses").asLong()).isZero();

      long posted = System.nanoTime();
      post(d, 1, 10);
      SseClient.Message update = sse.nextEvent(Duration.ofSeconds(5));
      long tookMs = (System.nanoTime() - posted) / 1_000_000;
      assertThat(update).isNotNull();
      assertThat(update.event()).isEqualTo("update");
      JsonNode u = data(update);
      assertThat(u.at("/index/responses").asLong()).isEqualTo(1);
      assertThat(u.at("/index/nps/promoters").asLong()).isEqualTo(1);
      assertThat(Long.parseLong(update.id())).isGreaterThan(Long.parseLong(snapshot.id()));
      // The payload says when its newest event was accepted and when it was sent.
      assertThat(u.at("/index/lastEventAcceptedAt").asString()).isEqualTo(now.toString());
      assertThat(u.at("/sentAt").isMissingNode()).isFalse();
      // A lone event goes out on the leading edge, not after a tick.
      assertThat(tookMs).isLessThan(2000);

      // A dealer's updates also say where it stands against its region, in both languages. The
      // region's figures may lag a change by pulse.streams.benchmark-refresh (2 s), so a later
      // update carries them; each further event gives one (at most 4 per second).
      assertThat(u.get("verdicts").size()).isEqualTo(7);
      JsonNode speed = verdict(u, "SPEED");
      for (int more = 0;
          more < 20 && !speed.at("/sentence/en").asString().contains("region");
          more++) {
        post(d, 1, 9);
        speed = verdict(data(sse.nextEvent(Duration.ofSeconds(5))), "SPEED");
      }
      assertThat(speed.at("/sentence/en").asString())
          .startsWith("Speed")
          .contains(" in the region (");
      assertThat(speed.at("/sentence/ru").asString()).contains(" в регионе (");

      SseClient.Message heartbeat = sse.next(Duration.ofSeconds(3));
      assertThat(heartbeat).isNotNull();
      assertThat(heartbeat.isComment()).isTrue();
      assertThat(heartbeat.comment()).isEqualTo("heartbeat");
    }
  }

  @Test
  void webTestClientReceivesRegionSnapshotAndUpdate() {
    String d = network.dealer(1);
    var events =
        client
            .get()
            .uri("/api/v1/stream/regions/" + network.regionOf(d) + "?window=24h")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody()
            .filter(e -> e.event() != null);
    StepVerifier.create(events)
        .assertNext(e -> {
          assertThat(e.event()).isEqualTo("snapshot");
          assertThat(json.readTree(e.data()).at("/index/scope/kind").asString())
              .isEqualTo("region");
        })
        .then(() -> post(d, 3, 5))
        .assertNext(e -> {
          assertThat(e.event()).isEqualTo("update");
          assertThat(json.readTree(e.data()).at("/index/responses").asLong()).isEqualTo(3);
        })
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  /**
   * The stream is written after its request was handled (StreamHandover): the request's observation
   * ends when the stream opens, not when it closes, and nothing of the request pipeline is held
   * meanwhile; the stream goes on as before.
   */
  @Test
  void aStreamOutlivesTheRequestThatOpenedIt() throws Exception {
    String d = network.dealer(1);
    double before = streamRequests("/api/v1/stream/network");
    try (SseClient sse = SseClient.connect(url("/api/v1/stream/network?window=1h"), Map.of())) {
      SseClient.Message snapshot = sse.nextEvent(Duration.ofSeconds(5));
      assertThat(snapshot.event()).isEqualTo("snapshot");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> streamRequests("/api/v1/stream/network") == before + 1);

      post(d, 2, 9);
      SseClient.Message update = sse.nextEvent(Duration.ofSeconds(5));
      assertThat(update.event()).isEqualTo("update");
      assertThat(data(update).at("/index/responses").asLong())
          .isEqualTo(data(snapshot).at("/index/responses").asLong() + 2);
      SseClient.Message heartbeat = sse.next(Duration.ofSeconds(3));
      assertThat(heartbeat.comment()).isEqualTo("heartbeat");
    }
  }

  /** Requests to {@code uri} observed as handled, with status 200. */
  private double streamRequests(String uri) {
    Timer t = meters.find("http.server.requests").tag("uri", uri).tag("status", "200").timer();
    return t == null ? 0 : t.count();
  }

  @Test
  void aBurstOfAThousandEventsArrivesAsAFewUpdatesWithTheFinalNumbers() throws Exception {
    String d = network.dealer(2);
    try (SseClient sse =
        SseClient.connect(url("/api/v1/stream/dealers/" + d + "?window=1h"), Map.of())) {
      assertThat(sse.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("snapshot");
      long started = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        post(d, 250, i % 11);
      }
      List<SseClient.Message> updates = sse.drainEvents(Duration.ofSeconds(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(updates).isNotEmpty();
      assertThat(data(updates.getLast()).at("/index/responses").asLong()).isEqualTo(1000);
      // At most 4 per second (default), plus the leading one.
      assertThat(updates.size()).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 1);
    }
  }

  @Test
  void everyWatcherOfAScopeSharesOneUpstreamWhichEndsWhenTheyLeave() throws Exception {
    String d = network.dealer(3);
    Scope target = Scope.dealer(d);
    WindowSpec day = index.window("24h");
    assertThat(indexStreams.watching(target, day)).isFalse();
    List<SseClient> watchers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      watchers.add(SseClient.connect(url("/api/v1/stream/dealers/" + d + "?window=24h"), Map.of()));
    }
    for (SseClient w : watchers) {
      assertThat(w.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("snapshot");
    }
    // One shared upstream for all twenty (others may open or close around us).
    assertThat(indexStreams.watching(target, day)).isTrue();
    post(d, 1, 9);
    for (SseClient w : watchers) {
      assertThat(data(w.nextEvent(Duration.ofSeconds(5))).at("/index/responses").asLong())
          .isEqualTo(1);
    }
    for (SseClient w : watchers) {
      w.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !indexStreams.watching(target, day));
  }

  @Test
  void theFeedResumesWithExactlyWhatWasMissedOrResetsWhenTooMuch() throws Exception {
    String d = network.dealer(0);
    post(d, 2, 3);
    String lastId;
    try (SseClient feed =
        SseClient.connect(url("/api/v1/stream/dealers/" + d + "/feed"), Map.of())) {
      SseClient.Message first = feed.nextEvent(Duration.ofSeconds(5));
      SseClient.Message second = feed.nextEvent(Duration.ofSeconds(5));
      assertThat(first.event()).isEqualTo("feed");
      assertThat(data(second).at("/alerts/0").asString()).isEqualTo("DETRACTOR");
      lastId = second.id();
    }
    post(d, 3, 10);
    try (SseClient resumed =
        SseClient.connect(
            url("/api/v1/stream/dealers/" + d + "/feed"), Map.of("Last-Event-ID", lastId))) {
      List<SseClient.Message> missed = resumed.drainEvents(Duration.ofSeconds(1));
      assertThat(missed)
          .extracting(SseClient.Message::id)
          .containsExactly(
              Long.toString(Long.parseLong(lastId) + 1),
              Long.toString(Long.parseLong(lastId) + 2),
              Long.toString(Long.parseLong(lastId) + 3));
      assertThat(missed).allSatisfy(m -> assertThat(data(m).at("/alerts").size()).isZero());
    }
    post(d, 10, 8);
    try (SseClient late =
        SseClient.connect(
            url("/api/v1/stream/dealers/" + d + "/feed"), Map.of("Last-Event-ID", lastId))) {
      List<SseClient.Message> frames = late.drainEvents(Duration.ofSeconds(1));
      assertThat(frames.getFirst().event()).isEqualTo("reset");
      assertThat(frames.subList(1, frames.size()))
          .hasSize(5)
          .extracting(SseClient.Message::id)
          .last()
          .isEqualTo("15");
    }
  }

  @Test
  void commentsTravelAsJsonStringsNotMarkup() throws Exception {
    String d = network.dealer(1);
    String hostile = "<script>alert('x')</script> \\\"quoted\\\" & <b>bold</b>";
    String event =
        "{\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"dealerId\":\""
            + d
            + "\",\"stage\":\"SERVICE_VISIT\",\"occurredAt\":\""
            + now
            + "\",\"scores\":{\"RECOMMEND\":1},\"comment\":\""
            + hostile
            + "\"}";
    try (SseClient feed =
        SseClient.connect(url("/api/v1/stream/dealers/" + d + "/feed"), Map.of())) {
      client
          .post()
          .uri("/api/v1/feedback")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(event)
          .exchange()
          .expectStatus()
          .isAccepted();
      SseClient.Message m = feed.nextEvent(Duration.ofSeconds(5));
      // One data line (no raw newlines can break the frame), and the text round-trips exactly.
      assertThat(m.data()).doesNotContain("\n");
      assertThat(data(m).at("/comment").asString())
          .isEqualTo("<script>alert('x')</script> \"quoted\" & <b>bold</b>");
    }
  }

  @Test
  void anEventIngestedOnOneInstanceReachesTheStreamsOfAnother() throws Exception {
    String d = network.dealer(2);
    String db = TestServices.database();
    try (ConfigurableApplicationContext second =
        new SpringApplicationBuilder(PulseApplication.class)
            // Command-line arguments: they outrank application.yaml, as the first instance's do.
            .run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--pulse.windows.background=false",
                "--spring.r2dbc.pool.initial-size=1",
                "--spring.r2dbc.pool.max-size=5",
                "--spring.r2dbc.url=" + TestServices.r2dbcUrl(db),
                "--spring.r2dbc.username=" + TestServices.DB_USER,
                "--spring.r2dbc.password=" + TestServices.DB_PASSWORD,
                "--spring.flyway.url=" + TestServices.jdbcUrl(db),
                "--spring.flyway.user=" + TestServices.DB_USER,
                "--spring.flyway.password=" + TestServices.DB_PASSWORD,
                "--pulse.windows.key-prefix=" + keys.prefix())) {
      int otherPort = second.getEnvironment().getProperty("local.server.port", Integer.class);
      try (SseClient onB =
              SseClient.connect(
                  "http://127.0.0.1:" + otherPort + "/api/v1/stream/dealers/" + d + "?window=30d",
                  Map.of());
          SseClient feedOnB =
              SseClient.connect(
                  "http://127.0.0.1:" + otherPort + "/api/v1/stream/dealers/" + d + "/feed",
                  Map.of())) {
        SseClient.Message first = onB.nextEvent(Duration.ofSeconds(10));
        assertThat(first.event()).as(first.toString()).isEqualTo("snapshot");
        long before = 0;
        post(d, 2, 7); // on instance A
        SseClient.Message update = onB.nextEvent(Duration.ofSeconds(5));
        assertThat(update.event()).isEqualTo("update");
        assertThat(data(update).at("/index/responses").asLong()).isEqualTo(before + 2);
        assertThat(feedOnB.drainEvents(Duration.ofSeconds(1))).hasSize(2);
      }
    }
  }
}
