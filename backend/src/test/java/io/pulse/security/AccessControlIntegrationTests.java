package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint and stream × every role, with the caller's own dealer, another dealer of the same
 * brand, a dealer of another brand and an id that does not exist: what may not be seen is answered
 * like what does not exist, and carries no data.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=exec1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=BRAND_EXECUTIVE",
      "pulse.security.users[1].brand=SECB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=SECD1",
      "pulse.security.users[3].username=guessed",
      "pulse.security.users[3].password={noop}right",
      "pulse.security.users[3].role=DEALER_MANAGER",
      "pulse.security.users[3].dealers=SECD2",
      "pulse.security.failed-sign-ins-per-minute=5",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=test-ingest-key",
      "pulse.security.ingest-keys[1].name=spare",
      "pulse.security.ingest-keys[1].key=spare-ingest-key",
      "pulse.security.ingest-events-per-second=100",
      "pulse.security.max-streams-per-user=2"
    })
class AccessControlIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Instant now = Instant.parse("2026-11-23T10:00:30Z");

  @BeforeEach
  void network() {
    clock.set(now);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"SECB1","name":"Brand one"},{"id":"SECB2","name":"Brand two"}],
         "regions":[{"id":"SECR","name":"Region"}],
         "dealers":[
           {"id":"SECD1","name":"Mine","brandId":"SECB1","regionId":"SECR","timeZone":"Europe/Moscow"},
           {"id":"SECD2","name":"Same brand","brandId":"SECB1","regionId":"SECR","timeZone":"Europe/Moscow"},
           {"id":"SECD3","name":"Other brand","brandId":"SECB2","regionId":"SECR","timeZone":"Europe/Moscow"}]}
        """);
  }

  private static Map<String, String> headers(Caller caller) {
    return caller.headers("test-ingest-key");
  }

  /** Status and (for non-streams) body of a GET; streams are closed once the status is known. */
  private Result get(Caller caller, String path) throws Exception {
    return get(headers(caller), path);
  }

  private Result get(Map<String, String> headers, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    headers.forEach(b::header);
    HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    String body;
    try (InputStream in = r.body()) {
      body =
          path.contains("/stream/") && r.statusCode() == 200
              ? ""
              : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Result(r.statusCode(), body);
  }

  private record Result(int status, String body) {}

  private static final Map<Caller, Map<String, Integer>> DEALER_EXPECTATIONS =
      Map.of(
          Caller.ANONYMOUS, Map.of("SECD1", 401, "SECD2", 401, "SECD3", 401, "NOPE", 401),
          Caller.MANAGER, Map.of("SECD1", 200, "SECD2", 404, "SECD3", 404, "NOPE", 404),
          Caller.EXECUTIVE, Map.of("SECD1", 200, "SECD2", 200, "SECD3", 404, "NOPE", 404),
          Caller.INGEST, Map.of("SECD1", 403, "SECD2", 403, "SECD3", 403, "NOPE", 403),
          Caller.ADMIN, Map.of("SECD1", 200, "SECD2", 200, "SECD3", 200, "NOPE", 404));

  @Test
  void dealerEndpointsAndStreams() throws Exception {
    List<String> templates =
        List.of(
            "/api/v1/dealers/%s",
            "/api/v1/dealers/%s/index?window=24h",
            "/api/v1/dealers/%s/history?granularity=week",
            "/api/v1/dealers/%s/periods",
            "/api/v1/dealers/%s/analysis",
            "/api/v1/dealers/%s/fix-first",
            "/api/v1/dealers/%s/alerts",
            "/api/v1/stream/dealers/%s?window=24h",
            "/api/v1/stream/dealers/%s/feed");
    List<String> failures = new ArrayList<>();
    for (String template : templates) {
      for (Caller caller : Caller.values()) {
        for (Map.Entry<String, Integer> e : DEALER_EXPECTATIONS.get(caller).entrySet()) {
          String path = template.formatted(e.getKey());
          Result r = get(caller, path);
          if (r.status() != e.getValue()) {
            failures.add(
                "%s %s: %d, expected %d".formatted(caller, path, r.status(), e.getValue()));
          }
          if (r.status() >= 400) {
            // A refusal carries no data of the dealer.
            if (r.body().contains("Mine")
                || r.body().contains("Same brand")
                || r.body().contains("Other brand")) {
              failures.add("%s %s leaked data: %s".formatted(caller, path, r.body()));
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void brandEndpointsAndStreams() throws Exception {
    List<String> templates =
        List.of(
            "/api/v1/brands/%s/index",
            "/api/v1/brands/%s/regions",
            "/api/v1/brands/%s/segments",
            "/api/v1/brands/%s/integrity",
            "/api/v1/brands/%s/drivers",
            "/api/v1/brands/%s/fix-first",
            "/api/v1/brands/%s/ranking",
            "/api/v1/brands/%s/alerts",
            "/api/v1/brands/%s/regions/SECR/index",
            "/api/v1/brands/%s/history",
            "/api/v1/brands/%s/periods",
            "/api/v1/brands/%s/regions/SECR/history?granularity=week",
            "/api/v1/brands/%s/regions/SECR/periods",
            "/api/v1/stream/brands/%s",
            "/api/v1/stream/brands/%s/regions/SECR");
    Map<Caller, Map<String, Integer>> expected =
        Map.of(
            Caller.ANONYMOUS, Map.of("SECB1", 401, "SECB2", 401, "NOPE", 401),
            Caller.MANAGER, Map.of("SECB1", 404, "SECB2", 404, "NOPE", 404),
            Caller.EXECUTIVE, Map.of("SECB1", 200, "SECB2", 404, "NOPE", 404),
            Caller.INGEST, Map.of("SECB1", 403, "SECB2", 403, "NOPE", 403),
            Caller.ADMIN, Map.of("SECB1", 200, "SECB2", 200, "NOPE", 404));
    List<String> failures = new ArrayList<>();
    for (String template : templates) {
      for (Caller caller : Caller.values()) {
        for (Map.Entry<String, Integer> e : expected.get(caller).entrySet()) {
          String path = template.formatted(e.getKey());
          int status = get(caller, path).status();
          if (status != e.getValue()) {
            failures.add("%s %s: %d, expected %d".formatted(caller, path, status, e.getValue()));
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void crossBrandAndOperationsEndpointsAreForAdmins() throws Exception {
    List<String> paths =
        List.of(
            "/api/v1/network/index",
            "/api/v1/network/history",
            "/api/v1/network/periods",
            "/api/v1/regions/SECR/index",
            "/api/v1/regions/SECR/history?granularity=week",
            "/api/v1/regions/SECR/periods",
            "/api/v1/stream/network",
            "/api/v1/stream/regions/SECR",
            "/api/v1/admin/rebuild",
            "/api/v1/admin/api-keys",
            "/api/v1/admin/audit",
            "/actuator/prometheus");
    Map<Caller, Integer> expected =
        Map.of(
            Caller.ANONYMOUS,
            401,
            Caller.MANAGER,
            403,
            Caller.EXECUTIVE,
            403,
            Caller.INGEST,
            403,
            Caller.ADMIN,
            200);
    List<String> failures = new ArrayList<>();
    for (String path : paths) {
      for (Caller caller : Caller.values()) {
        int status = get(caller, path).status();
        if (status != expected.get(caller)) {
          failures.add(
              "%s %s: %d, expected %d".formatted(caller, path, status, expected.get(caller)));
        }
      }
    }
    assertThat(get(Caller.ANONYMOUS, "/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(failures).isEmpty();
  }

  /**
   * Opening an e-mail confirmation link is the one request that needs no credentials, and only that
   * request: a token that does not work is 400 for every caller, and nothing next to it opens.
   */
  @Test
  void onlyTheConfirmationLinkIsOpenWithoutCredentials() throws Exception {
    String bad = "{\"token\":\"" + "A".repeat(43) + "\"}";
    for (Caller caller : Caller.values()) {
      assertThat(post(caller, "/api/v1/notifications/confirm", bad))
          .as(caller.name())
          .isEqualTo(400);
    }
    assertThat(get(Caller.ANONYMOUS, "/api/v1/notifications/confirm").status()).isEqualTo(401);
    for (String path :
        List.of(
            "/api/v1/notifications/confirm/",
            "/api/v1/notifications/confirm/x",
            "/api/v1/notifications",
            "/api/v1/me/notifications",
            "/api/v1/me/notifications/confirmation")) {
      assertThat(post(Caller.ANONYMOUS, path, bad)).as(path).isEqualTo(401);
    }
    // Sending the confirmation e-mail again is a person's own, like the rest of the subscription.
    assertThat(post(Caller.INGEST, "/api/v1/me/notifications/confirmation", "{}")).isEqualTo(403);
  }

  @Test
  void everyCallerLearnsWhoTheyAreAndNothingMore() throws Exception {
    assertThat(get(Caller.ANONYMOUS, "/api/v1/me").status()).isEqualTo(401);
    Result manager = get(Caller.MANAGER, "/api/v1/me");
    assertThat(manager.status()).isEqualTo(200);
    assertThat(manager.body())
        .isEqualTo("{\"name\":\"mgr1\",\"role\":\"DEALER_MANAGER\",\"dealers\":[\"SECD1\"]}");
    Result executive = get(Caller.EXECUTIVE, "/api/v1/me");
    assertThat(executive.body())
        .isEqualTo(
            "{\"name\":\"exec1\",\"role\":\"BRAND_EXECUTIVE\",\"dealers\":[],\"brand\":\"SECB1\"}");
    assertThat(get(Caller.INGEST, "/api/v1/me").body()).contains("\"role\":\"INGEST\"");
    assertThat(get(Caller.ADMIN, "/api/v1/me").body()).contains("\"role\":\"ADMIN\"");
    // Wrong password: no hint whether the user exists.
    HttpRequest wrong =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
            .header("Authorization", Caller.basic("mgr1", "nope"))
            .build();
    assertThat(http.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void rankingsAndListsShowOnlyWhatTheCallerMaySee() throws Exception {
    assertThat(get(Caller.MANAGER, "/api/v1/regions/SECR/dealers").status()).isEqualTo(403);
    Result exec = get(Caller.EXECUTIVE, "/api/v1/regions/SECR/dealers");
    assertThat(exec.status()).isEqualTo(200);
    assertThat(exec.body()).contains("SECD1", "SECD2").doesNotContain("SECD3");
    assertThat(get(Caller.EXECUTIVE, "/api/v1/regions/SECR/dealers?brandId=SECB2").status())
        .isEqualTo(403);
    assertThat(get(Caller.ADMIN, "/api/v1/regions/SECR/dealers?brandId=SECB2").body())
        .contains("SECD3");
    Result mine = get(Caller.MANAGER, "/api/v1/dealers?regionId=SECR");
    assertThat(mine.body()).contains("SECD1").doesNotContain("SECD2").doesNotContain("SECD3");
    Result brand = get(Caller.EXECUTIVE, "/api/v1/dealers?regionId=SECR");
    assertThat(brand.body()).contains("SECD1", "SECD2").doesNotContain("SECD3");
  }

  /** A client without the tests' default admin credentials. */
  private WebTestClient as(Caller caller) {
    WebTestClient.Builder b = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port);
    headers(caller).forEach(b::defaultHeader);
    return b.build();
  }

  private int post(Caller caller, String path, String body) {
    return as(caller)
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  @Test
  void onlyIngestClientsAndAdminsSendFeedbackAndOnlyManagersHandleAlerts() {
    Map<Caller, Integer> expected = new LinkedHashMap<>();
    expected.put(Caller.ANONYMOUS, 401);
    expected.put(Caller.MANAGER, 403);
    expected.put(Caller.EXECUTIVE, 403);
    expected.put(Caller.INGEST, 202);
    expected.put(Caller.ADMIN, 202);
    expected.forEach((caller, status) ->
        assertThat(
                post(
                    caller,
                    "/api/v1/feedback",
                    Events.event(UUID.randomUUID(), "SECD1", now, Map.of("RECOMMEND", 2))))
            .as(caller.name())
            .isEqualTo(status));
    assertThat(post(Caller.MANAGER, "/api/v1/network/import", "{}")).isEqualTo(403);

    UUID mine = UUID.randomUUID();
    UUID others = UUID.randomUUID();
    assertThat(
            post(
                Caller.INGEST,
                "/api/v1/feedback",
                Events.event(mine, "SECD1", now, Map.of("RECOMMEND", 1))))
        .isEqualTo(202);
    assertThat(
            post(
                Caller.INGEST,
                "/api/v1/feedback",
                Events.event(others, "SECD3", now, Map.of("RECOMMEND", 1))))
        .isEqualTo(202);
    String note = "{\"note\":\"called back\"}";
    assertThat(post(Caller.EXECUTIVE, "/api/v1/alerts/" + mine + "/resolve", note)).isEqualTo(403);
    assertThat(post(Caller.MANAGER, "/api/v1/alerts/" + others + "/resolve", note)).isEqualTo(404);
    assertThat(post(Caller.MANAGER, "/api/v1/alerts/" + mine + "/resolve", note)).isEqualTo(200);
  }

  @Test
  void anIngestKeyIsRateLimitedAndNothingOfARefusedRequestIsStored() throws Exception {
    List<String> events = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      events.add(Events.event(id, "SECD2", now, Map.of("CAR", 4)));
    }
    as(Caller.INGEST)
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.array(events))
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/too-many-requests");
    Result alerts = get(Caller.ADMIN, "/api/v1/dealers/SECD2/index?window=1h");
    assertThat(alerts.body()).contains("\"responses\":0");
  }

  @Test
  void keysAreCreatedShownOnceRevokedAndAudited() throws Exception {
    String created =
        client
            .post()
            .uri("/api/v1/admin/api-keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"crm\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String key = created.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    assertThat(key).startsWith("pk_");
    assertThat(get(Caller.ADMIN, "/api/v1/admin/api-keys").body())
        .contains("crm")
        .doesNotContain(key);
    String event = Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 5));
    WebTestClient withKey =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultHeader("X-Api-Key", key)
            .build();
    withKey
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isAccepted();
    client.delete().uri("/api/v1/admin/api-keys/" + id).exchange().expectStatus().isNoContent();
    withKey
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 5)))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(get(Caller.ADMIN, "/api/v1/admin/audit").body())
        .contains("API_KEY_CREATED", "API_KEY_REVOKED", "\"actor\":\"admin\"");
  }

  /** Creates a key with {@code scope} (JSON members after the name) and returns the clear key. */
  private String createKey(String scope) {
    String created =
        client
            .post()
            .uri("/api/v1/admin/api-keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"scoped\"," + scope + "}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return created.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
  }

  /** Posts one feedback event with API key {@code key}. */
  private WebTestClient.ResponseSpec postWithKey(String key, String event) {
    return withKey(key)
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange();
  }

  private WebTestClient withKey(String key) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .defaultHeader("X-Api-Key", key)
        .build();
  }

  @Test
  void aKeyForOneBrandSendsForItsDealersOnlyAndARefusedBatchStoresNothing() {
    String key = createKey("\"brands\":[\"SECB1\"],\"capabilities\":[\"FEEDBACK\"]");
    UUID mine = UUID.randomUUID();
    withKey(key)
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Events.array(
                List.of(
                    Events.event(mine, "SECD1", now, Map.of("SPEED", 5)),
                    Events.event(UUID.randomUUID(), "SECD3", now, Map.of("SPEED", 1)))))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("[1].dealerId")
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("SECD3"));
    // Nothing of the refused batch was stored: its own dealer's event is still new.
    postWithKey(key, Events.event(mine, "SECD1", now, Map.of("SPEED", 5)))
        .expectStatus()
        .isAccepted();
    // Feedback only: the network is not this key's to change.
    withKey(key)
        .put()
        .uri("/api/v1/brands/SECB1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"Renamed\"}")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void onlyAKeyWithTheHistoryCapabilityBackDatesFeedbackPastThirtyDays() {
    Instant old = now.minus(Duration.ofDays(31));
    Instant late = now.minus(Duration.ofDays(29));
    // The configured test key has the default capabilities: feedback and network, no history.
    UUID refused = UUID.randomUUID();
    withKey("test-ingest-key")
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Events.array(
                List.of(
                    Events.event(UUID.randomUUID(), "SECD1", late, Map.of("SPEED", 4)),
                    Events.event(refused, "SECD1", old, Map.of("SPEED", 4)))))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("[1].occurredAt")
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("HISTORY"));
    // A late answer is fine without it.
    postWithKey(
            "test-ingest-key", Events.event(UUID.randomUUID(), "SECD1", late, Map.of("SPEED", 4)))
        .expectStatus()
        .isAccepted();
    // A history key loads the past; the refused event was not stored, so it is new now.
    String history = createKey("\"capabilities\":[\"FEEDBACK\",\"HISTORY\"]");
    postWithKey(history, Events.event(refused, "SECD1", old, Map.of("SPEED", 4)))
        .expectStatus()
        .isAccepted();
  }

  @Test
  void aNetworkKeyForOneBrandCannotTakeAnotherBrandsDealerNorTouchSharedRegions() {
    String key = createKey("\"brands\":[\"SECB1\"],\"capabilities\":[\"NETWORK\"]");
    withKey(key)
        .put()
        .uri("/api/v1/dealers/SECD3")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"Taken\",\"brandId\":\"SECB1\",\"regionId\":\"SECR\","
                + "\"timeZone\":\"Europe/Moscow\"}")
        .exchange()
        .expectStatus()
        .isForbidden();
    withKey(key)
        .put()
        .uri("/api/v1/regions/SECR")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"Renamed\"}")
        .exchange()
        .expectStatus()
        .isForbidden();
    withKey(key)
        .put()
        .uri("/api/v1/dealers/SECD2")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"Same brand\",\"brandId\":\"SECB1\",\"regionId\":\"SECR\","
                + "\"timeZone\":\"Europe/Moscow\"}")
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    // SECD3 still belongs to brand two.
    assertThat(
            client
                .get()
                .uri("/api/v1/dealers/SECD3")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("\"brandId\":\"SECB2\"");
    postWithKey(key, Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 5)))
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aKeyStopsAtItsExpiryAndABadScopeMakesNoKey() {
    String key = createKey("\"expiresAt\":\"" + now.plusSeconds(60) + "\"");
    String event = Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 5));
    postWithKey(key, event).expectStatus().isAccepted();
    clock.set(now.plusSeconds(60));
    postWithKey(key, Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 5)))
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/api/v1/admin/api-keys")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"bad\",\"capabilities\":[\"DELETE\"],\"brands\":[\"p:1\"]}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(f -> assertThat(f.toString()).contains("capabilities").contains("brands"));
  }

  private int signIn(String user, String password) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
            .header("Authorization", Caller.basic(user, password))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void guessingAPasswordIsStoppedAfterFiveTriesEvenWithTheRightOneThen() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("guessed", "guess-" + i)).isEqualTo(401);
    }
    HttpRequest right =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
            .header("Authorization", Caller.basic("guessed", "right"))
            .build();
    HttpResponse<String> refused = http.send(right, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(refused.body()).contains("/problems/too-many-requests");
    // Other names are not affected.
    assertThat(signIn("mgr1", "pw")).isEqualTo(200);
    // Nor is the same name from another address: a stranger cannot lock its owner out.
    HttpClient elsewhere =
        HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
    assertThat(elsewhere.send(right, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aConfiguredKeyIsRevokedAtRunTimeAndAudited() throws Exception {
    String event = Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 4));
    postWithKey("spare-ingest-key", event).expectStatus().isAccepted();
    client
        .delete()
        .uri("/api/v1/admin/api-keys/configured/spare")
        .exchange()
        .expectStatus()
        .isNoContent();
    postWithKey(
            "spare-ingest-key", Events.event(UUID.randomUUID(), "SECD1", now, Map.of("SPEED", 4)))
        .expectStatus()
        .isUnauthorized();
    // Twice, or a name no configured key has: nothing to revoke.
    client
        .delete()
        .uri("/api/v1/admin/api-keys/configured/spare")
        .exchange()
        .expectStatus()
        .isNotFound();
    client
        .delete()
        .uri("/api/v1/admin/api-keys/configured/nobody")
        .exchange()
        .expectStatus()
        .isNotFound();
    assertThat(get(Caller.ADMIN, "/api/v1/admin/audit").body()).contains("configured spare");
  }

  /** {@code POST /auth/token} as {@code headers}: its status and body. */
  private Result postToken(Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
            .POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Result(r.statusCode(), r.body());
  }

  private String sessionToken(Caller caller) throws Exception {
    Result r = postToken(headers(caller));
    assertThat(r.status()).as("%s gets a session token", caller).isEqualTo(200);
    return "Bearer " + r.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void sessionTokensAreForPeopleAndOpenExactlyWhatTheirPersonMayOpen() throws Exception {
    Map<Caller, Integer> tokenEndpoint =
        Map.of(
            Caller.ANONYMOUS, 401,
            Caller.MANAGER, 200,
            Caller.EXECUTIVE, 200,
            Caller.INGEST, 403,
            Caller.ADMIN, 200);
    List<String> failures = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      int status = postToken(headers(caller)).status();
      if (status != tokenEndpoint.get(caller)) {
        failures.add(
            "%s POST /auth/token: %d, expected %d"
                .formatted(caller, status, tokenEndpoint.get(caller)));
      }
    }
    List<String> templates =
        List.of(
            "/api/v1/dealers/%s",
            "/api/v1/dealers/%s/index?window=24h",
            "/api/v1/dealers/%s/alerts",
            "/api/v1/stream/dealers/%s?window=24h",
            "/api/v1/stream/dealers/%s/feed");
    for (Caller caller : List.of(Caller.MANAGER, Caller.EXECUTIVE, Caller.ADMIN)) {
      Map<String, String> bearer = Map.of("Authorization", sessionToken(caller));
      for (String template : templates) {
        for (Map.Entry<String, Integer> e : DEALER_EXPECTATIONS.get(caller).entrySet()) {
          String path = template.formatted(e.getKey());
          int status = get(bearer, path).status();
          if (status != e.getValue()) {
            failures.add(
                "%s's token %s: %d, expected %d".formatted(caller, path, status, e.getValue()));
          }
        }
      }
      int admin = get(bearer, "/api/v1/admin/audit").status();
      if (admin != (caller == Caller.ADMIN ? 200 : 403)) {
        failures.add("%s's token /admin/audit: %d".formatted(caller, admin));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aUserHoldsAtMostTwoStreamsHere() throws Exception {
    List<HttpResponse<InputStream>> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        HttpRequest r =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/stream/dealers/SECD1"))
                .header("Authorization", Caller.basic("mgr1", "pw"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resp.statusCode()).isEqualTo(200);
        open.add(resp);
      }
      Result third = get(Caller.MANAGER, "/api/v1/stream/dealers/SECD1/feed");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.body()).contains("At most 2 concurrent streams");
    } finally {
      for (HttpResponse<InputStream> r : open) {
        r.body().close();
      }
    }
    // A closed stream gives its slot back (once the server notices the client went away).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(Caller.MANAGER, "/api/v1/stream/dealers/SECD1").status() == 200);
  }

  /** A HEAD of a stream answers its headers and holds no slot of the caller's stream cap. */
  @Test
  void aHeadOfAStreamHoldsNoSlot() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpRequest head =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/api/v1/stream/dealers/SECD1"))
              .header("Authorization", Caller.basic("mgr1", "pw"))
              .timeout(Duration.ofSeconds(10))
              .method("HEAD", HttpRequest.BodyPublishers.noBody())
              .build();
      assertThat(http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);
    }
    // (Awaited: streams of the tests before may still be closing.)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(Caller.MANAGER, "/api/v1/stream/dealers/SECD1").status() == 200);
  }
}
