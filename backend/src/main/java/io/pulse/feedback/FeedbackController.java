package io.pulse.feedback;

import io.pulse.api.BatchReply;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.IngestResult;
import io.pulse.security.Access;
import io.pulse.security.IngestRateLimiter;
import io.pulse.security.IngestScope;
import io.pulse.system.FieldViolation;
import io.pulse.system.ForbiddenException;
import io.pulse.system.InvalidInputException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feedback ingest API. Bodies are parsed here rather than bound, so that a malformed body or a
 * wrong type is answered with the exact field and position instead of a generic binding error.
 */
@Tag(
    name = "Feedback",
    description =
        "Customer answers from source systems: one event, a JSON batch or an NDJSON upload")
@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  /**
   * The body of {@code POST /batch} in the OpenAPI document, on both of its handlers: the document
   * has one operation per path and method, and keeps the body of whichever handler it reads first.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array =
                @ArraySchema(schema = @Schema(implementation = FeedbackEvent.class), minItems = 1)),
        @Content(
            mediaType = "application/x-ndjson",
            schema =
                @Schema(
                    implementation = String.class,
                    description = "One feedback event (JSON) per line"))
      })
  @interface BatchBody {}

  private final IngestService ingest;
  private final JsonMapper json;
  private final IngestProperties limits;
  private final Access access;
  private final IngestRateLimiter rateLimiter;

  FeedbackController(
      IngestService ingest,
      JsonMapper json,
      IngestProperties limits,
      Access access,
      IngestRateLimiter rateLimiter) {
    this.ingest = ingest;
    this.json = json;
    this.limits = limits;
    this.access = access;
    this.rateLimiter = rateLimiter;
  }

  /** One event: 202 when stored now, 200 when the id was stored before. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = FeedbackEvent.class)))
  @ApiResponse(responseCode = "202", description = "Stored now (`ACCEPTED`)")
  @ApiResponse(responseCode = "200", description = "Stored before (`DUPLICATE`), counted once")
  @ApiResponse(responseCode = "422", ref = "#/components/responses/UnknownReference")
  Mono<ResponseEntity<IngestResult>> one(@RequestBody String body) {
    JsonNode node = parse(body, "");
    return limited(1)
        .flatMap(scope -> ingest.ingest(List.of(node), List.of(""), scope))
        .map(results -> {
          IngestResult r = results.getFirst();
          HttpStatus status =
              r.status() == IngestResult.Status.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
          return ResponseEntity.status(status).body(r);
        });
  }

  /**
   * A JSON array of up to {@code pulse.ingest.max-batch} events. All-or-nothing validation: one bad
   * event refuses the whole batch. Stored in one transaction; per-event results.
   */
  @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
  @BatchBody
  @ApiResponse(responseCode = "200", description = "Every event stored or a duplicate")
  @ApiResponse(responseCode = "422", ref = "#/components/responses/UnknownReference")
  Mono<BatchReply> batch(@RequestBody String body) {
    JsonNode array = parse(body, "");
    if (!array.isArray()) {
      throw new InvalidInputException(
          "A batch must be a JSON array of events.",
          List.of(new FieldViolation("", "must be a JSON array")));
    }
    if (array.isEmpty() || array.size() > limits.maxBatch()) {
      throw new InvalidInputException(
          "A batch holds 1 to %d events; this one has %d. Use NDJSON for bulk loads."
              .formatted(limits.maxBatch(), array.size()),
          List.of(new FieldViolation("", "must hold 1 to " + limits.maxBatch() + " events")));
    }
    List<JsonNode> items = new ArrayList<>(array.size());
    List<String> paths = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(array.get(i));
      paths.add("[" + i + "]");
    }
    return limited(items.size())
        .flatMap(scope -> ingest.ingest(items, paths, scope))
        .map(BatchReply::of);
  }

  /**
   * Bulk upload: one event per line (NDJSON), up to {@code pulse.ingest.max-bulk-lines}. Validated
   * as a whole first (nothing is stored if any line is bad), then stored in chunks, each chunk one
   * transaction. If storing stops half-way (503), send the whole file again: stored events come
   * back as DUPLICATE.
   */
  @PostMapping(path = "/batch", consumes = "application/x-ndjson")
  @BatchBody
  @ApiResponse(responseCode = "200", description = "Every event stored or a duplicate")
  @ApiResponse(responseCode = "422", ref = "#/components/responses/UnknownReference")
  Mono<BatchReply> bulk(@RequestBody String body) {
    List<JsonNode> items = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    String[] lines = body.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String path = "line " + (i + 1);
      items.add(parse(lines[i], path));
      paths.add(path);
      if (items.size() > limits.maxBulkLines()) {
        throw new InvalidInputException(
            "A bulk upload holds at most %d events; split the file."
                .formatted(limits.maxBulkLines()),
            List.of(
                new FieldViolation(
                    path, "exceeds the limit of " + limits.maxBulkLines() + " events")));
      }
    }
    if (items.isEmpty()) {
      throw new InvalidInputException(
          "The upload has no events.",
          List.of(new FieldViolation("", "must hold at least one event")));
    }
    return limited(items.size())
        .flatMap(scope -> ingest.ingest(items, paths, scope))
        .map(BatchReply::of);
  }

  /**
   * Checks the key may send feedback (403) and takes the events from its per-second budget (429),
   * before anything is stored; gives what the key may send for.
   */
  private Mono<IngestScope> limited(int events) {
    return access
        .user()
        .flatMap(u ->
            u.ingest().has(IngestScope.Capability.FEEDBACK)
                ? rateLimiter
                    .take(u, events)
                    .thenReturn(u.ingest())
                    // The budget's answer arrives on Redis's I/O thread; reading the events there
                    // would hold every other Redis reply of the instance behind this request.
                    .publishOn(Schedulers.parallel())
                : Mono.error(
                    new ForbiddenException(
                        "This API key may not send feedback; nothing was stored.", List.of())));
  }

  private JsonNode parse(String text, String path) {
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
      throw new InvalidInputException(
          "The body is not valid JSON" + where + ".",
          List.of(
              new FieldViolation(
                  path, "is not valid JSON" + where + ": " + e.getOriginalMessage())));
    }
  }
}
