package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.StoreSnapshot;
import io.pulse.support.TestNetwork;
import io.pulse.system.RelayRejections;
import io.pulse.window.AggregateKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The defect that opened round two, and its neighbours: one read with a hostile id stopped every
 * live stream for good. Now a hostile id is a 400 before anything looks at it, a read of anything
 * writes nothing, and a message the relay cannot decode is counted and skipped while the streams go
 * on.
 */
@IntegrationTest
class LivePathIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired AggregateKeys keys;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired DatabaseClient db;
  @Autowired RelayRejections rejections;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  final Instant now = Instant.parse("2026-11-23T10:00:30Z");
  TestNetwork network;

  @BeforeEach
  void setUp() {
    clock.set(now);
    network = new TestNetwork(2, 2, 1).load(client);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void post(String dealer, int recommend) {
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.event(UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", recommend)))
        .exchange()
        .expectStatus()
        .isAccepted();
  }

  private long responses(SseClient.Message m) {
    return json.readTree(m.data()).at("/index/responses").asLong();
  }

  @Test
  void theRequestThatStoppedEveryStreamIsNowA400ThatChangesNothing() throws Exception {
    String dealer = network.dealer(0);
    String brand = network.brandOf(dealer);
    try (SseClient stream =
        SseClient.connect(url("/api/v1/stream/dealers/" + dealer + "?window=1h"), Map.of())) {
      assertThat(stream.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("snapshot");
      StoreSnapshot before = StoreSnapshot.take(redis, keys.prefix(), db);

      client
          .get()
          .uri("/api/v1/brands/" + brand + "/drivers?regionId=p:1")
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("/problems/invalid-input")
          .jsonPath("$.errors[0].field")
          .isEqualTo("regionId")
          .jsonPath("$.errors[0].message")
          .isEqualTo("must be 1-64 characters of A-Z a-z 0-9 _ -");

      assertThat(StoreSnapshot.take(redis, keys.prefix(), db)).isEqualTo(before);
      post(dealer, 10);
      SseClient.Message update = stream.nextEvent(Duration.ofSeconds(5));
      assertThat(update).isNotNull();
      assertThat(responses(update)).isEqualTo(1);
    }
  }

  @Test
  void everyKindOfBadParameterIsNamedInA400() {
    String dealer = network.dealer(0);
    String brand = network.brandOf(dealer);
    record Case(String uri, String field) {}
    List<Case> cases =
        List.of(
            new Case("/api/v1/dealers/D%3A1/index", "id"),
            new Case("/api/v1/dealers/" + dealer + "/index?window=2h", "window"),
            new Case("/api/v1/dealers/" + dealer + "/analysis?benchmark=world", "benchmark"),
            new Case("/api/v1/dealers/" + dealer + "/analysis?lang=de", "lang"),
            new Case("/api/v1/dealers/" + dealer + "/alerts?status=closed", "status"),
            new Case("/api/v1/dealers/" + dealer + "/alerts?limit=0", "limit"),
            new Case("/api/v1/regions/" + "x".repeat(65) + "/dealers", "id"),
            new Case("/api/v1/regions/" + network.regions.get(0) + "/dealers?sort=name", "sort"),
            new Case("/api/v1/brands/" + brand + "/segments?regionId=a%20b", "regionId"),
            new Case("/api/v1/dealers?brandId=%E2%80%AE", "brandId"),
            new Case("/api/v1/stream/dealers/" + dealer + "?window=forever", "window"),
            new Case("/api/v1/stream/brands/" + brand + "/regions/r.1", "regionId"),
            new Case("/api/v1/admin/audit?limit=5000", "limit"));
    for (Case c : cases) {
      client
          .get()
          .uri(URI.create(url(c.uri())))
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo(c.field());
    }
  }

  @Test
  void readsOfScopesThatDoNotExistOrHaveNoDataWriteNothing() {
    String dealer = network.dealer(0);
    String brand = network.brandOf(dealer);
    String otherRegion =
        network.regions.stream().filter(r -> !r.equals(network.regionOf(dealer))).findFirst().get();
    StoreSnapshot before = StoreSnapshot.take(redis, keys.prefix(), db);
    // Existing scopes without a single event.
    for (String uri :
        List.of(
            "/api/v1/dealers/" + dealer + "/index?window=30d",
            "/api/v1/dealers/" + dealer + "/analysis",
            "/api/v1/brands/" + brand + "/index",
            "/api/v1/brands/" + brand + "/regions/" + otherRegion + "/index",
            "/api/v1/brands/" + brand + "/drivers?regionId=" + otherRegion,
            "/api/v1/brands/" + brand + "/regions",
            "/api/v1/brands/" + brand + "/segments",
            "/api/v1/regions/" + otherRegion + "/index",
            "/api/v1/regions/" + otherRegion + "/dealers",
            "/api/v1/network/index")) {
      client.get().uri(uri).exchange().expectStatus().isOk();
    }
    // Valid ids of nothing, and pairs of existing ids that are no cell.
    for (String uri :
        List.of(
            "/api/v1/dealers/NOPE/index",
            "/api/v1/brands/NOPE/index",
            "/api/v1/brands/" + brand + "/regions/NOPE/index",
            "/api/v1/brands/" + brand + "/drivers?regionId=NOPE",
            "/api/v1/brands/" + brand + "/segments?regionId=NOPE",
            "/api/v1/regions/NOPE/index",
            "/api/v1/regions/" + otherRegion + "/dealers?brandId=NOPE")) {
      client.get().uri(uri).exchange().expectStatus().isNotFound();
    }
    assertThat(StoreSnapshot.take(redis, keys.prefix(), db)).isEqualTo(before);
  }

  @Test
  void aBrandWithNoDealerInARegionHasNoCellThere() {
    TestNetwork lopsided = new TestNetwork(1, 1, 1);
    lopsided.regions.add("R" + lopsided.tag + "-empty");
    lopsided.load(client);
    String brand = lopsided.brands.getFirst();
    String empty = lopsided.regions.getLast();
    client
        .get()
        .uri("/api/v1/brands/" + brand + "/regions/" + empty + "/index")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Brand " + brand + " has no dealers in region " + empty + ".");
    client
        .get()
        .uri("/api/v1/stream/brands/" + brand + "/regions/" + empty)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void aMessageTheRelayCannotDecodeIsCountedAndSkippedAndStreamsGoOn() throws Exception {
    String dealer = network.dealer(0);
    String other = network.dealer(1);
    long before = rejections.count(ChangeRelay.NAME, "undecodable");
    try (SseClient stream =
        SseClient.connect(url("/api/v1/stream/dealers/" + dealer + "?window=1h"), Map.of())) {
      assertThat(stream.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("snapshot");
      // What a second instance of an older version, a bug or a stranger on the channel could
      // send: a tag with a ':' inside an id, garbage, and one good line for another dealer.
      redis
          .convertAndSend(
              keys.prefix() + ":changes",
              "c:VOLTA:p:1 15 0\nnot a change\nd:" + other + " 15 0\n\u0000")
          .block();
      post(dealer, 9);
      SseClient.Message update = stream.nextEvent(Duration.ofSeconds(5));
      assertThat(update).isNotNull();
      assertThat(responses(update)).isEqualTo(1);
    }
    assertThat(rejections.count(ChangeRelay.NAME, "undecodable") - before).isEqualTo(3);
  }

  @Test
  void aFeedThatMissedAnItemFetchesItBeforeTheNextOne() throws Exception {
    String dealer = network.dealer(2);
    try (SseClient feed =
        SseClient.connect(url("/api/v1/stream/dealers/" + dealer + "/feed"), Map.of())) {
      post(dealer, 9);
      assertThat(feed.nextEvent(Duration.ofSeconds(5)).id()).isEqualTo("1");
      // An event stored whose item never reached the relay (a publish that failed, a message
      // lost while the subscription was down): PostgreSQL has number 2, the feed never heard.
      db.sql("UPDATE dealer_seq SET last_seq = last_seq + 1 WHERE dealer_id = :d")
          .bind("d", dealer)
          .then()
          .then(
              db.sql(
                      "INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at,"
                          + " received_at, recommend) VALUES (:id, :d, 2, 'HANDOVER', :at, :at, 3)")
                  .bind("id", UUID.randomUUID())
                  .bind("d", dealer)
                  .bind("at", now)
                  .then())
          .block();
      // The next item reveals the gap; the feed fills it first.
      post(dealer, 10);
      assertThat(
              List.of(feed.nextEvent(Duration.ofSeconds(5)), feed.nextEvent(Duration.ofSeconds(5))))
          .extracting(SseClient.Message::id)
          .containsExactly("2", "3");
    }
  }
}
