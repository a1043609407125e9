package io.pulse.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document as an admin reads it, held to docs/api.md and to what the running backend
 * really does: the same endpoints as the document's table, the credentials each endpoint really
 * accepts, streams described as event streams with the events they send, problem responses with the
 * types the backend really answers with; and only admins may read it or open Swagger UI.
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
      "pulse.security.users[1].brand=DOCB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=DOCD1",
      "pulse.security.ingest-keys[0].name=docs",
      "pulse.security.ingest-keys[0].key=docs-ingest-key"
    })
class ApiDocsIntegrationTests {

  /** docs/api.md, from the backend module (where the build runs its tests). */
  private static final Path API_MD = Path.of("..", "docs", "api.md");

  /** The path of the base URL docs/api.md gives; the paths of its table are below it. */
  private static final String BASE = "/api/v1";

  private static final String KEY = "docs-ingest-key";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @Autowired WebTestClient client;
  @Autowired JsonMapper json;
  @Autowired MutableClock clock;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void network() {
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"DOCB1","name":"Brand"}],
         "regions":[{"id":"DOCR","name":"Region"}],
         "dealers":[{"id":"DOCD1","name":"Dealer","brandId":"DOCB1","regionId":"DOCR",
                     "timeZone":"Europe/Moscow"}]}
        """);
  }

  private JsonNode spec() {
    // springdoc builds the document on its first request: seconds on a busy machine.
    String body =
        client
            .mutate()
            .responseTimeout(Duration.ofSeconds(60))
            .build()
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return json.readTree(body);
  }

  /** Every operation of the document by {@code METHOD /path}. */
  private static Map<String, JsonNode> operations(JsonNode spec) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (var path : spec.get("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          out.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
        }
      }
    }
    return out;
  }

  /**
   * The endpoints of docs/api.md's "Endpoints" table: its rows whose first cell is a method, the
   * path (below the base URL) in the second.
   */
  private static Set<String> documentedEndpoints() throws IOException {
    List<String> lines = Files.readAllLines(API_MD);
    int start = lines.indexOf("## Endpoints");
    assertThat(start).as("docs/api.md has a section \"## Endpoints\"").isNotNegative();
    Set<String> out = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      String[] cells = line.split("\\|");
      if (cells.length > 2 && METHODS.contains(cells[1].trim().toLowerCase())) {
        String path = cells[2].trim().replace("`", "");
        out.add(cells[1].trim() + " " + BASE + path);
      }
    }
    return out;
  }

  @Test
  void theDocumentAndDocsApiMdListTheSameEndpoints() throws IOException {
    Set<String> generated = operations(spec()).keySet();
    Set<String> documented = documentedEndpoints();
    Set<String> notInDocs = new TreeSet<>(generated);
    notInDocs.removeAll(documented);
    Set<String> notInCode = new TreeSet<>(documented);
    notInCode.removeAll(generated);
    assertThat(generated).as("endpoints in /v3/api-docs").hasSizeGreaterThan(30);
    // Both sides in one failure: a renamed path shows up on each.
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(notInDocs)
          .as("endpoints the backend serves but docs/api.md does not list")
          .isEmpty();
      soft.assertThat(notInCode)
          .as("endpoints docs/api.md lists but the backend does not serve")
          .isEmpty();
    });
  }

  @Test
  void theDocumentIsOpenApi31WithTheCredentialsThisInstanceAccepts() {
    JsonNode spec = spec();
    assertThat(spec.get("openapi").asString()).startsWith("3.1");
    assertThat(spec.at("/info/title").asString()).isEqualTo("Pulse API");
    assertThat(spec.at("/info/version").asString()).isNotBlank();
    JsonNode schemes = spec.at("/components/securitySchemes");
    // Demo mode: HTTP Basic for the built-in users, no bearer tokens.
    assertThat(schemes.at("/demoUser/scheme").asString()).isEqualTo("basic");
    assertThat(schemes.has("oidcToken")).isFalse();
    assertThat(schemes.at("/ingestKey/in").asString()).isEqualTo("header");
    assertThat(schemes.at("/ingestKey/name").asString()).isEqualTo("X-Api-Key");
  }

  /**
   * Every operation is tried with an ingest key: those the document says take one must get past the
   * role gate (a placeholder id or an empty body is refused later, with nothing done), the others
   * must be refused with 403.
   */
  @Test
  void anApiKeyIsAcceptedExactlyWhereTheDocumentSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    Map<String, JsonNode> operations = operations(spec());
    for (var e : operations.entrySet()) {
      boolean documented = false;
      for (JsonNode alternative : e.getValue().path("security")) {
        // An empty alternative needs no credentials at all: a key passes like anything else.
        documented |= alternative.has("ingestKey") || alternative.isEmpty();
      }
      String[] methodAndPath = e.getKey().split(" ", 2);
      String path = methodAndPath[1].replaceAll("\\{[^}]+}", "DOCX1");
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("X-Api-Key", KEY)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .method(
                  methodAndPath[0],
                  methodAndPath[0].equals("GET") || methodAndPath[0].equals("DELETE")
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString("{}"));
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (documented == (status == 403)) {
        wrong.add(e.getKey() + ": " + status + (documented ? ", documented to take a key" : ""));
      }
    }
    assertThat(operations).containsKey("POST /api/v1/feedback");
    assertThat(wrong).isEmpty();
  }

  @Test
  void exportsAreFilesInBothFormats() {
    Map<String, JsonNode> exports = new TreeMap<>(operations(spec()));
    exports.keySet().removeIf(k -> !k.endsWith("/export"));
    assertThat(exports).hasSize(6);
    for (var e : exports.entrySet()) {
      assertThat(e.getValue().at("/responses/200/content").propertyNames())
          .as(e.getKey())
          .containsExactlyInAnyOrder(
              "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
  }

  @Test
  void streamsAreEventStreamsNamingTheEventsTheySend() throws Exception {
    Map<String, JsonNode> streams = new TreeMap<>(operations(spec()));
    streams.keySet().removeIf(k -> !k.startsWith("GET /api/v1/stream/"));
    assertThat(streams).hasSize(6);
    for (var e : streams.entrySet()) {
      JsonNode ok = e.getValue().at("/responses/200");
      assertThat(ok.path("content").propertyNames())
          .as(e.getKey())
          .containsExactly(MediaType.TEXT_EVENT_STREAM_VALUE);
      String events = ok.path("description").asString();
      assertThat(events).as(e.getKey()).contains("`event: status`", "`: heartbeat`");
      if (e.getKey().endsWith("/feed")) {
        assertThat(events).as(e.getKey()).contains("`event: feed`", "`event: reset`");
      } else {
        assertThat(events).as(e.getKey()).contains("`event: snapshot`", "`event: update`");
      }
    }
    // What a stream really sends first is among what its description names.
    try (SseClient stream =
        SseClient.connect("http://127.0.0.1:" + port + "/api/v1/stream/network", Map.of())) {
      SseClient.Message first = stream.nextEvent(Duration.ofSeconds(10));
      assertThat(first).isNotNull();
      assertThat(
              streams.get("GET /api/v1/stream/network").at("/responses/200/description").asString())
          .contains("`event: " + first.event() + "`");
    }
  }

  @Test
  void everyOperationAnswersWithProblemsDescribedAsProblemJson() throws Exception {
    JsonNode spec = spec();
    JsonNode components = spec.at("/components/responses");
    List<String> wrong = new ArrayList<>();
    for (var e : operations(spec).entrySet()) {
      JsonNode responses = e.getValue().path("responses");
      for (String always : List.of("401", "429", "503")) {
        if (!responses.has(always)) {
          wrong.add(e.getKey() + " lacks " + always);
        }
      }
      for (var r : responses.properties()) {
        String ref = r.getValue().path("$ref").asString("");
        if (!ref.isEmpty() && !components.has(ref.replace("#/components/responses/", ""))) {
          wrong.add(e.getKey() + " " + r.getKey() + " refers to a missing " + ref);
        }
      }
    }
    for (var c : components.properties()) {
      assertThat(c.getValue().path("content").propertyNames())
          .as(c.getKey())
          .containsExactly(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
    assertThat(wrong).isEmpty();
    // The types the document gives are the ones the backend answers with.
    String admin = Caller.basic("admin", "admin");
    String dealer = "/api/v1/dealers/DOCD1";
    assertThat(problemType("GET", dealer, Map.of(), null))
        .isIn(documentedTypes(components, "Unauthenticated"));
    assertThat(problemType("GET", dealer, Map.of("X-Api-Key", KEY), null))
        .isIn(documentedTypes(components, "Forbidden"));
    assertThat(problemType("GET", "/api/v1/dealers/DOCX1", Map.of("Authorization", admin), null))
        .isIn(documentedTypes(components, "NotFound"));
    assertThat(
            problemType("GET", dealer + "/index?window=2h", Map.of("Authorization", admin), null))
        .isIn(documentedTypes(components, "InvalidInput"));
    Instant now = clock.instant();
    assertThat(
            problemType(
                "POST",
                "/api/v1/feedback",
                Map.of("X-Api-Key", KEY),
                Events.event(UUID.randomUUID(), "DOCX1", now, Map.of("RECOMMEND", 9))))
        .isIn(documentedTypes(components, "UnknownReference"));
    UUID detractor = UUID.randomUUID();
    Events.postNew(client, List.of(Events.event(detractor, "DOCD1", now, Map.of("RECOMMEND", 1))));
    String resolve = "/api/v1/alerts/" + detractor + "/resolve";
    String note = "{\"note\": \"called back\"}";
    assertThat(problemType("POST", resolve, Map.of("Authorization", admin), note)).isNull();
    assertThat(problemType("POST", resolve, Map.of("Authorization", admin), note))
        .isIn(documentedTypes(components, "Conflict"));
  }

  private static List<String> documentedTypes(JsonNode components, String response) {
    List<String> types = new ArrayList<>();
    components
        .at("/" + response + "/content/application~1problem+json/schema/properties/type/enum")
        .forEach(t -> types.add(t.asString()));
    assertThat(types).as(response + "'s types").isNotEmpty();
    return types;
  }

  /** The problem type of the answer, or null when the request succeeded. */
  private @Nullable String problemType(
      String method, String path, Map<String, String> headers, @Nullable String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() < 300) {
      return null;
    }
    assertThat(response.headers().firstValue("Content-Type"))
        .as(method + " " + path)
        .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JsonNode problem = json.readTree(response.body());
    // RFC 9457: a problem without a type member is of type about:blank.
    return problem.has("type") ? problem.get("type").asString() : "about:blank";
  }

  @Test
  void onlyAdminsReadTheDocumentOrOpenSwaggerUi() throws Exception {
    List<String> paths =
        List.of(
            "/v3/api-docs",
            "/v3/api-docs.yaml",
            "/v3/api-docs/swagger-config",
            "/swagger-ui.html",
            "/webjars/swagger-ui/index.html");
    Map<Caller, Integer> refused =
        Map.of(
            Caller.ANONYMOUS, 401,
            Caller.MANAGER, 403,
            Caller.EXECUTIVE, 403,
            Caller.INGEST, 403);
    List<String> wrong = new ArrayList<>();
    for (String path : paths) {
      for (var e : refused.entrySet()) {
        HttpResponse<String> r = get(e.getKey(), path);
        if (r.statusCode() != e.getValue()
            || !r.headers()
                .firstValue("Content-Type")
                .orElse("")
                .equals(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
            // A refusal is a problem about the request, nothing of the document or the page.
            || json.readTree(r.body()).path("status").asInt() != e.getValue()
            || r.body().contains("\"paths\"")
            || r.body().contains("<html")) {
          wrong.add("%s %s: %d %s".formatted(e.getKey(), path, r.statusCode(), r.body()));
        }
      }
      int admin = get(Caller.ADMIN, path).statusCode();
      if (admin >= 400) {
        wrong.add("ADMIN " + path + ": " + admin);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(get(Caller.ADMIN, "/webjars/swagger-ui/index.html").body()).contains("swagger-ui");
  }

  private HttpResponse<String> get(Caller caller, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    caller.headers(KEY).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
