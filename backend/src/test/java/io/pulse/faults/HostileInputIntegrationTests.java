package io.pulse.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.PulseApplication;
import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IsolatedServicesInitializer;
import io.pulse.support.SseClient;
import io.pulse.support.StoreSnapshot;
import io.pulse.support.TestClockConfiguration;
import io.pulse.window.AggregateKeys;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of every endpoint and stream, as every role: generated ids (valid, unknown
 * and hostile), query values, headers and bodies. Whatever comes in, the answer is a 2xx for what
 * is valid and a 4xx for what is not, never a 5xx; nothing is stored by any of it (every Redis key
 * and every table as before each property); and a dealer stream opened before the fuzzing still
 * receives updates after it.
 */
class HostileInputIntegrationTests {

  /** One generated request. */
  record Request(String method, String path, Map<String, String> headers, String body) {}

  static ConfigurableApplicationContext context;
  static int port;
  static SseClient watched;
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Instant NOW = Instant.now();

  StoreSnapshot before;

  @BeforeContainer
  static void start() throws Exception {
    context =
        new SpringApplicationBuilder(PulseApplication.class)
            .initializers(new IsolatedServicesInitializer())
            .properties(
                "server.port=0",
                "spring.main.banner-mode=off",
                "pulse.windows.background=false",
                "spring.r2dbc.pool.initial-size=1",
                "spring.r2dbc.pool.max-size=5",
                "pulse.security.users[0].username=admin",
                "pulse.security.users[0].password={noop}admin",
                "pulse.security.users[0].role=ADMIN",
                "pulse.security.users[1].username=exec1",
                "pulse.security.users[1].password={noop}pw",
                "pulse.security.users[1].role=BRAND_EXECUTIVE",
                "pulse.security.users[1].brand=FZB1",
                "pulse.security.users[2].username=mgr1",
                "pulse.security.users[2].password={noop}pw",
                "pulse.security.users[2].role=DEALER_MANAGER",
                "pulse.security.users[2].dealers=FZD1",
                "pulse.security.ingest-keys[0].name=fuzz",
                "pulse.security.ingest-keys[0].key=fuzz-ingest-key",
                "pulse.security.max-streams-per-user=10000")
            .run();
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
    HttpResponse<String> loaded =
        http.send(
            request("POST", "/api/v1/network/import", Caller.ADMIN, NETWORK),
            HttpResponse.BodyHandlers.ofString());
    assertThat(loaded.statusCode()).isEqualTo(200);
    watched =
        SseClient.connect(
            url("/api/v1/stream/dealers/FZD1?window=1h"),
            Map.of("Authorization", TestClockConfiguration.ADMIN));
    assertThat(watched.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
  }

  @AfterContainer
  static void theStreamOpenedBeforeStillReceivesUpdates() throws Exception {
    try {
      HttpResponse<String> posted =
          http.send(
              request(
                  "POST",
                  "/api/v1/feedback",
                  Caller.ADMIN,
                  Events.event(UUID.randomUUID(), "FZD1", NOW, Map.of("RECOMMEND", 10))),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(202);
      SseClient.Message update = watched.nextEvent(Duration.ofSeconds(10));
      assertThat(update).isNotNull();
      assertThat(update.event()).isEqualTo("update");
      assertThat(
              JsonMapper.builder().build().readTree(update.data()).at("/index/responses").asLong())
          .isEqualTo(1);
    } finally {
      watched.close();
      context.close();
    }
  }

  @BeforeProperty
  void snapshot() {
    before = snapshotNow();
  }

  @AfterProperty
  void nothingWasStored() {
    assertThat(snapshotNow()).isEqualTo(before);
  }

  private static StoreSnapshot snapshotNow() {
    return StoreSnapshot.take(
        context.getBean(ReactiveStringRedisTemplate.class),
        context.getBean(AggregateKeys.class).prefix(),
        context.getBean(DatabaseClient.class));
  }

  @Property(tries = 400)
  void readsAndStreamsAnswerEveryInputWithoutAServerError(
      @ForAll("reads") Request r, @ForAll Caller caller) throws Exception {
    assertThat(send(r, caller)).as("%s as %s", r, caller).isLessThan(500);
  }

  @Property(tries = 250)
  void writesRefuseBadInputWithoutAServerErrorAndStoreNothing(
      @ForAll("writes") Request r, @ForAll Caller caller) throws Exception {
    // An empty network import ({}) is a valid no-op: 200. Whatever the status, nothing is stored.
    assertThat(send(r, caller)).as("%s as %s", r, caller).isLessThan(500);
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<Request> reads() {
    Arbitrary<String> id = ids();
    Arbitrary<String> value = values();
    return Arbitraries.oneOf(
        Combinators.combine(id, value)
            .as((d, w) -> get("/api/v1/dealers/" + seg(d) + "/index?window=" + q(w))),
        Combinators.combine(id, value)
            .as((d, w) -> get("/api/v1/regions/" + seg(d) + "/index?window=" + q(w))),
        Combinators.combine(id, value)
            .as((b, w) -> get("/api/v1/brands/" + seg(b) + "/index?window=" + q(w))),
        Combinators.combine(id, id, value)
            .as((b, r, w) ->
                get("/api/v1/brands/" + seg(b) + "/regions/" + seg(r) + "/index?window=" + q(w))),
        value.map(w -> get("/api/v1/network/index?window=" + q(w))),
        Combinators.combine(id, value, value, value)
            .as((d, w, b, l) ->
                get(
                    "/api/v1/dealers/"
                        + seg(d)
                        + "/analysis?window="
                        + q(w)
                        + "&benchmark="
                        + q(b)
                        + "&lang="
                        + q(l))),
        Combinators.combine(id, value, value, value)
            .as((d, w, b, l) ->
                get(
                    "/api/v1/dealers/"
                        + seg(d)
                        + "/fix-first?window="
                        + q(w)
                        + "&benchmark="
                        + q(b)
                        + "&lang="
                        + q(l))),
        Combinators.combine(id, value, value)
            .as((b, w, l) ->
                get("/api/v1/brands/" + seg(b) + "/fix-first?window=" + q(w) + "&lang=" + q(l))),
        Combinators.combine(id, value)
            .as((b, w) -> get("/api/v1/brands/" + seg(b) + "/regions?window=" + q(w))),
        Combinators.combine(id, id, value, value)
            .as((r, b, w, s) ->
                get(
                    "/api/v1/regions/"
                        + seg(r)
                        + "/dealers?brandId="
                        + q(b)
                        + "&window="
                        + q(w)
                        + "&sort="
                        + q(s))),
        Combinators.combine(id, id, value)
            .as((b, r, l) ->
                get("/api/v1/brands/" + seg(b) + "/segments?regionId=" + q(r) + "&lang=" + q(l))),
        Combinators.combine(id, id, value)
            .as((b, r, l) ->
                get("/api/v1/brands/" + seg(b) + "/integrity?regionId=" + q(r) + "&lang=" + q(l))),
        Combinators.combine(id, id)
            .as((b, r) -> get("/api/v1/brands/" + seg(b) + "/drivers?regionId=" + q(r))),
        Combinators.combine(id, value, value)
            .as((d, s, l) ->
                get("/api/v1/dealers/" + seg(d) + "/alerts?status=" + q(s) + "&limit=" + q(l))),
        Combinators.combine(id, id)
            .as((b, r) -> get("/api/v1/brands/" + seg(b) + "/alerts?regionId=" + q(r))),
        Combinators.combine(id, id)
            .as((b, r) -> get("/api/v1/dealers?brandId=" + q(b) + "&regionId=" + q(r))),
        id.map(d -> get("/api/v1/dealers/" + seg(d))),
        Arbitraries.of("/api/v1/brands", "/api/v1/regions", "/api/v1/windows", "/api/v1/me")
            .map(HostileInputIntegrationTests::get),
        value.map(l -> get("/api/v1/admin/audit?limit=" + q(l))),
        Arbitraries.of("/api/v1/admin/rebuild", "/api/v1/admin/api-keys")
            .map(HostileInputIntegrationTests::get),
        Combinators.combine(id, value)
            .as((d, w) -> get("/api/v1/stream/dealers/" + seg(d) + "?window=" + q(w))),
        Combinators.combine(id, value)
            .as((r, w) -> get("/api/v1/stream/regions/" + seg(r) + "?window=" + q(w))),
        Combinators.combine(id, value)
            .as((b, w) -> get("/api/v1/stream/brands/" + seg(b) + "?window=" + q(w))),
        Combinators.combine(id, id, value)
            .as((b, r, w) ->
                get("/api/v1/stream/brands/" + seg(b) + "/regions/" + seg(r) + "?window=" + q(w))),
        value.map(w -> get("/api/v1/stream/network?window=" + q(w))),
        Combinators.combine(id, value)
            .as((d, last) ->
                new Request(
                    "GET",
                    "/api/v1/stream/dealers/" + seg(d) + "/feed",
                    headerSafe(last).isEmpty()
                        ? Map.of()
                        : Map.of("Last-Event-ID", headerSafe(last)),
                    "")));
  }

  @Provide
  Arbitrary<Request> writes() {
    Arbitrary<String> hostile = hostileIds();
    Arbitrary<String> body = bodies();
    return Arbitraries.oneOf(
        body.map(b -> new Request("POST", "/api/v1/feedback", json(), b)),
        body.map(b -> new Request("POST", "/api/v1/feedback/batch", json(), b)),
        body.map(b -> new Request("POST", "/api/v1/feedback/batch", ndjson(), b)),
        body.map(b -> new Request("POST", "/api/v1/network/import", json(), b)),
        Combinators.combine(hostile, body)
            .as((id, b) -> new Request("PUT", "/api/v1/brands/" + seg(id), json(), b)),
        Combinators.combine(hostile, body)
            .as((id, b) -> new Request("PUT", "/api/v1/regions/" + seg(id), json(), b)),
        Combinators.combine(hostile, body)
            .as((id, b) -> new Request("PUT", "/api/v1/dealers/" + seg(id), json(), b)),
        Combinators.combine(alertIds(), body, Arbitraries.of("acknowledge", "resolve"))
            .as((id, b, action) ->
                new Request("POST", "/api/v1/alerts/" + seg(id) + "/" + action, json(), b)),
        hostile.map(id -> new Request("DELETE", "/api/v1/admin/api-keys/" + seg(id), json(), "")));
  }

  /** Ids of the network, unknown valid ids, and strings no id may be. */
  private static Arbitrary<String> ids() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of("FZB1", "FZB2", "FZR1", "FZR2", "FZD1", "FZD2")),
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.strings().withChars("ABCXYZabcxyz0129_-").ofMinLength(1).ofMaxLength(64)),
        net.jqwik.api.Tuple.of(4, hostileIds()));
  }

  private static Arbitrary<String> hostileIds() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "p:1",
            ":",
            "c:FZB1:FZR1",
            "*",
            "{d:FZD1}",
            "..",
            "a b",
            "FZD1\u0000",
            "\u202eFZD1",
            "FZD1 ",
            "x".repeat(65),
            "%",
            "ÄÖÜ",
            "d;DROP TABLE dealer",
            "<script>"),
        Arbitraries.strings()
            .ofMinLength(1)
            .ofMaxLength(80)
            .filter(s -> !s.matches("[A-Za-z0-9_-]{1,64}")));
  }

  private static Arbitrary<String> alertIds() {
    return Arbitraries.oneOf(Arbitraries.create(() -> UUID.randomUUID().toString()), hostileIds());
  }

  /** Query values: the valid words, numbers, and anything. */
  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "1h",
            "24h",
            "7d",
            "30d",
            "region",
            "brand",
            "network",
            "en",
            "ru",
            "open",
            "all",
            "shrunkCsi",
            "csi",
            "responses",
            "0",
            "1",
            "500",
            "-1",
            "99999999999999999999",
            ""),
        Arbitraries.strings().ofMaxLength(40));
  }

  /** Bodies that are not what the endpoint takes: garbage, wrong shapes, wrong types. */
  private static Arbitrary<String> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.of(
            "",
            "{}",
            "[]",
            "null",
            "[{}]",
            "{\"name\":null}",
            "{\"id\":\"p:1\",\"name\":\"x\"}",
            "{\"brands\":[{\"id\":\"p:1\",\"name\":\"x\"}]}",
            "[{\"eventId\":\"not-a-uuid\",\"dealerId\":\"FZD1\"}]",
            "{\"eventId\":\"" + UUID.randomUUID() + "\",\"dealerId\":\"p:1\"}",
            "{\"note\":\"" + "n".repeat(3000) + "\"}",
            "{\"note\":" + "[".repeat(2000) + "}",
            "{\"a\":" + "1".repeat(400) + "}"),
        Arbitraries.strings().ofMaxLength(30).map(s -> "{\"name\":" + q(s) + "}"));
  }

  // ------------------------------------------------------------------ plumbing

  private static Request get(String path) {
    return new Request("GET", path, Map.of(), "");
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  private static Map<String, String> ndjson() {
    return Map.of("Content-Type", "application/x-ndjson");
  }

  /** A path segment as a client would encode it (so the server sees the hostile text itself). */
  private static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** What an HTTP client can put in a header at all. */
  private static String headerSafe(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "").strip();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static HttpRequest request(String method, String path, Caller caller, String body) {
    return request(new Request(method, path, json(), body), caller);
  }

  private static HttpRequest request(Request r, Caller caller) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(r.path())))
            .timeout(Duration.ofSeconds(20))
            .method(
                r.method(),
                r.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(r.body()));
    r.headers().forEach(b::header);
    caller.headers("fuzz-ingest-key").forEach(b::header);
    return b.build();
  }

  /** The status; a stream's body is not waited for (it closes once the status is known). */
  private static int send(Request r, Caller caller) throws Exception {
    HttpResponse<InputStream> response =
        http.send(request(r, caller), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (!r.path().contains("/stream/")) {
        in.readAllBytes();
      }
    }
    return response.statusCode();
  }

  private static final String NETWORK =
      """
      {"brands":[{"id":"FZB1","name":"Brand one"},{"id":"FZB2","name":"Brand two"}],
       "regions":[{"id":"FZR1","name":"Region one"},{"id":"FZR2","name":"Region two"}],
       "dealers":[
         {"id":"FZD1","name":"One","brandId":"FZB1","regionId":"FZR1","timeZone":"Europe/Moscow"},
         {"id":"FZD2","name":"Two","brandId":"FZB1","regionId":"FZR2","timeZone":"Europe/Moscow"},
         {"id":"FZD3","name":"Three","brandId":"FZB2","regionId":"FZR1","timeZone":"Europe/Moscow"}]}
      """;
}
