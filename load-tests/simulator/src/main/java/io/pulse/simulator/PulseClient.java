package io.pulse.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.Region;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the backend's public HTTP API: network import and feedback batches, with retries where
 * the API says a request is safe to repeat.
 */
public final class PulseClient {

  /** Most dealers the import endpoint takes in one request. */
  public static final int MAX_DEALERS_PER_IMPORT = 2_000;

  /** Most events the batch endpoint takes in one request. */
  public static final int MAX_EVENTS_PER_BATCH = 1_000;

  static final String IMPORT_PATH = "/api/v1/network/import";
  static final String BATCH_PATH = "/api/v1/feedback/batch";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_LOGGED_CHARS = 600;

  /** Waits between retries; a seam so tests need not sleep. */
  @FunctionalInterface
  public interface Pause {
    /** Waits for {@code duration}. */
    void pause(Duration duration) throws InterruptedException;
  }

  private final URI baseUrl;
  private final HttpClient http;
  private final RetryPolicy retry;
  private final Pause pause;
  private final Consumer<String> warnings;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Writes request bodies from the API's records: absent optional fields are left out, and the
   * scores of an event go in parameter order (its map has none of its own).
   */
  static final JsonMapper WIRE =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  /** A client for the backend at {@code baseUrl}, reporting problems to {@code warnings}. */
  public PulseClient(URI baseUrl, Consumer<String> warnings) {
    this(
        baseUrl,
        HttpClient.newBuilder()
            // Plain HTTP/1.1: no h2c upgrade dance on every POST.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        RetryPolicy.DEFAULT,
        Thread::sleep,
        warnings);
  }

  /** A client with its own HTTP client, retry policy and pause (for tests). */
  public PulseClient(
      URI baseUrl, HttpClient http, RetryPolicy retry, Pause pause, Consumer<String> warnings) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.http = http;
    this.retry = retry;
    this.pause = pause;
    this.warnings = warnings;
  }

  /**
   * Loads the network, in requests of at most {@value #MAX_DEALERS_PER_IMPORT} dealers with the
   * brands and regions in the first, and returns the backend's summary of each request.
   *
   * @throws PulseClientException if the backend refuses a request or never answers
   */
  public List<JsonNode> importNetwork(SimulatedNetwork network) throws InterruptedException {
    List<JsonNode> summaries = new ArrayList<>();
    for (NetworkImport body : importBodies(network)) {
      HttpResponse<String> response = postWithRetries(IMPORT_PATH, WIRE.writeValueAsBytes(body));
      if (response.statusCode() != 200) {
        throw new PulseClientException(
            "network import refused: " + describeFailure(response.statusCode(), response.body()));
      }
      summaries.add(parseOrText(response.body()));
    }
    return summaries;
  }

  /**
   * Sends one batch of at most {@value #MAX_EVENTS_PER_BATCH} events. Never throws for an HTTP
   * failure: the outcome says what happened and the warning sink got the details.
   */
  public BatchOutcome sendBatch(List<FeedbackEvent> events) throws InterruptedException {
    if (events.isEmpty() || events.size() > MAX_EVENTS_PER_BATCH) {
      throw new IllegalArgumentException(
          "a batch holds 1 to %d events, got %d".formatted(MAX_EVENTS_PER_BATCH, events.size()));
    }
    byte[] body = batchBody(events);
    Attempted attempted = postWithRetriesCounting(BATCH_PATH, body);
    int size = events.size();
    HttpResponse<String> response = attempted.response();
    if (response == null) {
      return BatchOutcome.failed(size, attempted.attempts());
    }
    int status = response.statusCode();
    if (status == 200) {
      return acceptedOutcome(size, response.body(), attempted.attempts());
    }
    String failure = describeFailure(status, response.body());
    if (status >= 400 && status < 500) {
      warnings.accept("batch of %d events rejected: %s".formatted(size, failure));
      return BatchOutcome.rejected(size, attempted.attempts());
    }
    warnings.accept(
        "batch of %d events failed after %d attempts: %s"
            .formatted(size, attempted.attempts(), failure));
    return BatchOutcome.failed(size, attempted.attempts());
  }

  private BatchOutcome acceptedOutcome(int size, String body, int attempts) {
    try {
      JsonNode summary = json.readTree(body);
      int accepted = summary.path("accepted").asInt(-1);
      int duplicates = summary.path("duplicates").asInt(-1);
      if (accepted < 0 || duplicates < 0) {
        accepted = 0;
        duplicates = 0;
        for (JsonNode result : summary.path("results")) {
          switch (result.path("status").asString("")) {
            case "ACCEPTED" -> accepted++;
            case "DUPLICATE" -> duplicates++;
            default -> {}
          }
        }
      }
      return new BatchOutcome(size, accepted, duplicates, 0, 0, attempts);
    } catch (JacksonException e) {
      // A 200 means the batch is stored, even if the summary is unreadable.
      warnings.accept("unreadable batch summary, counting all as accepted: " + abbreviate(body));
      return new BatchOutcome(size, size, 0, 0, 0, attempts);
    }
  }

  private HttpResponse<String> postWithRetries(String path, byte[] body)
      throws InterruptedException {
    Attempted attempted = postWithRetriesCounting(path, body);
    HttpResponse<String> response = attempted.response();
    if (response == null) {
      throw new PulseClientException(
          "POST %s%s failed after %d attempts: is the backend up?"
              .formatted(baseUrl, path, attempted.attempts()));
    }
    return response;
  }

  /** Result of a POST with retries; {@code response} is null when no answer ever came. */
  private record Attempted(@Nullable HttpResponse<String> response, int attempts) {}

  private Attempted postWithRetriesCounting(String path, byte[] body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, application/problem+json")
            .header("User-Agent", "pulse-simulator")
            .header(Credentials.API_KEY_HEADER, Credentials.ingestKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    for (int attempt = 1; ; attempt++) {
      Duration wait = retry.backoff(attempt);
      try {
        HttpResponse<String> last =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (!isRetryable(last.statusCode())) {
          return new Attempted(last, attempt);
        }
        wait = longest(wait, retryAfter(last));
        if (attempt >= retry.maxAttempts()) {
          return new Attempted(last, attempt);
        }
      } catch (IOException e) {
        // The batch endpoint is idempotent, so a request lost in transit is safe to repeat.
        if (attempt >= retry.maxAttempts()) {
          warnings.accept(
              "POST %s: no answer after %d attempts: %s".formatted(path, attempt, e.toString()));
          return new Attempted(null, attempt);
        }
      }
      pause.pause(wait);
    }
  }

  private static boolean isRetryable(int status) {
    return status == 503 || status == 429 || status == 502 || status == 504;
  }

  private Duration retryAfter(HttpResponse<String> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      Duration asked = Duration.ofSeconds(Long.parseLong(header.get().trim()));
      return asked.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : asked;
    } catch (NumberFormatException e) {
      return Duration.ZERO; // an HTTP date: our own backoff is good enough
    }
  }

  private static Duration longest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Status plus the problem's {@code title}, {@code detail} and {@code errors}, for a log line. */
  private String describeFailure(int status, String body) {
    StringBuilder text = new StringBuilder("HTTP ").append(status);
    try {
      JsonNode problem = json.readTree(body);
      if (problem != null && problem.isObject()) {
        for (String field : List.of("title", "detail")) {
          String value = problem.path(field).asString("");
          if (!value.isEmpty()) {
            text.append(" — ").append(value);
          }
        }
        JsonNode errors = problem.path("errors");
        if (!errors.isMissingNode() && !errors.isNull()) {
          text.append(" errors=").append(abbreviate(json.writeValueAsString(errors)));
        }
        return text.toString();
      }
    } catch (JacksonException e) {
      // not problem+json: show the raw body below
    }
    return body.isBlank() ? text.toString() : text.append(": ").append(abbreviate(body)).toString();
  }

  private JsonNode parseOrText(String body) {
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      return json.getNodeFactory().stringNode(body);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_LOGGED_CHARS ? text : text.substring(0, MAX_LOGGED_CHARS) + "…";
  }

  /** The body of one network import request: the API's brands, regions and dealers. */
  record NetworkImport(List<Brand> brands, List<Region> regions, List<Dealer> dealers) {}

  /** The import request bodies for {@code network}: brands and regions in the first. */
  static List<NetworkImport> importBodies(SimulatedNetwork network) {
    List<NetworkImport> bodies = new ArrayList<>();
    List<Dealer> dealers = network.dealers();
    for (int from = 0; from == 0 || from < dealers.size(); from += MAX_DEALERS_PER_IMPORT) {
      bodies.add(
          new NetworkImport(
              from == 0 ? network.brands() : List.of(),
              from == 0 ? network.regions() : List.of(),
              dealers.subList(from, Math.min(dealers.size(), from + MAX_DEALERS_PER_IMPORT))));
    }
    return bodies;
  }

  /**
   * The batch request body for {@code events}: a JSON array of the API's events, {@code occurredAt}
   * with the dealer's offset.
   */
  static byte[] batchBody(List<FeedbackEvent> events) {
    return WIRE.writeValueAsBytes(events);
  }
}
