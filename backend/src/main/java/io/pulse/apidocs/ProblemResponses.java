package io.pulse.apidocs;

import io.pulse.security.ApiAccess;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * The RFC 9457 problems the API answers with, as reusable responses ({@code
 * #/components/responses/...}), and which of them each operation may give. The common ones follow
 * from the operation's shape, as the filters and handlers that produce them do: the role gate and
 * the sign-in throttle stand before every endpoint, parameters and bodies are checked before any
 * handler runs, an id in a path may name nothing the caller can see. The few that only some
 * handlers produce (409, 422) are declared on those handlers.
 */
final class ProblemResponses {

  static final String PROBLEM = "Problem";
  static final String FIELD_VIOLATION = "FieldViolation";

  /** One reusable problem response: its status, component name, when it happens, its types. */
  record Problem(String status, String name, String when, boolean retryAfter, List<String> types) {}

  static final Problem INVALID_INPUT =
      new Problem(
          "400",
          "InvalidInput",
          "A path segment, query parameter, header or body field breaks its rule, or the body is"
              + " not valid JSON; `errors` names each bad field or parameter. Nothing was done.",
          false,
          List.of("/problems/invalid-input"));
  static final Problem UNAUTHENTICATED =
      new Problem(
          "401",
          "Unauthenticated",
          "No credentials, or bad ones: a wrong password, an unknown, revoked or expired API key,"
              + " a token that is forged, expired, for another audience or without a role.",
          false,
          List.of("/problems/unauthenticated"));
  static final Problem FORBIDDEN =
      new Problem(
          "403",
          "Forbidden",
          "The caller's role may not use this endpoint, or an API key's brands or capabilities do"
              + " not cover the request (`errors` names each dealer or record outside them).",
          false,
          List.of("/problems/forbidden"));
  static final Problem NOT_FOUND =
      new Problem(
          "404",
          "NotFound",
          "An id in the path names nothing the caller may see: another dealer's or brand's"
              + " resources answer exactly like unknown ids.",
          false,
          List.of("/problems/not-found"));
  static final Problem CONFLICT =
      new Problem(
          "409",
          "Conflict",
          "What the request acts on is not in a state it starts from: an alert this transition"
              + " does not start from, an address that is not waiting for confirmation. A plain"
              + " HTTP problem: no `type` member, which RFC 9457 reads as `about:blank`.",
          false,
          List.of("about:blank"));
  static final Problem BODY_TOO_LARGE =
      new Problem(
          "413",
          "BodyTooLarge",
          "The declared body length is over `pulse.ingest.max-body-bytes`; nothing was read.",
          false,
          List.of("/problems/body-too-large"));
  static final Problem UNKNOWN_REFERENCE =
      new Problem(
          "422",
          "UnknownReference",
          "Well-formed, but refers to something unknown (a dealer never loaded, a dealer's"
              + " unknown brand or region); `errors` names each. Nothing was stored.",
          false,
          List.of("/problems/invalid-input"));
  static final Problem TOO_MANY_REQUESTS =
      new Problem(
          "429",
          "TooManyRequests",
          "Too many failed sign-ins under this user name from this address (demo mode), an API"
              + " key over its events per second, a user over their concurrent streams or"
              + " expensive reads, a person over their confirmation e-mails, or an address that"
              + " sent too many confirmation links that did not work. Retry after `Retry-After`"
              + " seconds.",
          true,
          List.of("/problems/too-many-requests"));
  static final Problem UNAVAILABLE =
      new Problem(
          "503",
          "Unavailable",
          "`/problems/store-unavailable`: PostgreSQL or Redis is unreachable; not an"
              + " acknowledgement, retrying the same request is safe. `/problems/overloaded`: the"
              + " instance sheds load (ingest while the stores fall behind, new streams past its"
              + " open rate or cap), nothing of the request was stored; `reason` says what is"
              + " saturated. Retry after `Retry-After` seconds.",
          true,
          List.of("/problems/store-unavailable", "/problems/overloaded"));

  static final List<Problem> ALL =
      List.of(
          INVALID_INPUT,
          UNAUTHENTICATED,
          FORBIDDEN,
          NOT_FOUND,
          CONFLICT,
          BODY_TOO_LARGE,
          UNKNOWN_REFERENCE,
          TOO_MANY_REQUESTS,
          UNAVAILABLE);

  private ProblemResponses() {}

  /** The problem schema and one reusable response per problem. */
  static void addComponents(Components components) {
    components.addSchemas(
        FIELD_VIOLATION,
        object("One bad field or parameter of a refused request.")
            .addProperty(
                "field",
                string(
                    "Where: a parameter's name or a path into the body, e.g. `[3].scores.SPEED`"))
            .addProperty("message", string("What is wrong with it"))
            .required(List.of("field", "message")));
    components.addSchemas(
        PROBLEM,
        object("An RFC 9457 problem detail.")
            .addProperty(
                "type",
                string("What kind of problem; absent means `about:blank` (a plain HTTP status)")
                    .format("uri-reference"))
            .addProperty("title", string("A short summary of the kind"))
            .addProperty("status", typed("integer", "The HTTP status"))
            .addProperty("detail", string("What happened to this request"))
            .addProperty("instance", string("The request's path").format("uri-reference"))
            .addProperty(
                "errors",
                typed("array", "Every bad field or parameter (invalid input, forbidden records)")
                    .items(new Schema<>().$ref(FIELD_VIOLATION)))
            .addProperty("reason", string("What is saturated (`/problems/overloaded` only)"))
            .required(List.of("title", "status")));
    for (Problem p : ALL) {
      components.addResponses(p.name(), response(p));
    }
  }

  /** Adds the problems that follow from the operation's shape, keeping any it declares itself. */
  static void apply(HttpMethod method, String path, Operation operation) {
    List<Problem> problems = new ArrayList<>();
    boolean hasBody = operation.getRequestBody() != null;
    if (hasBody || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
      problems.add(INVALID_INPUT);
    }
    problems.add(UNAUTHENTICATED);
    if (!ApiAccess.openToEveryRole(method, path) && !ApiAccess.openToAnyone(method, path)) {
      problems.add(FORBIDDEN);
    }
    // PUT is an upsert: an id it does not know is created, not missing.
    if (path.contains("{") && !HttpMethod.PUT.equals(method)) {
      problems.add(NOT_FOUND);
    }
    if (hasBody) {
      problems.add(BODY_TOO_LARGE);
    }
    problems.add(TOO_MANY_REQUESTS);
    problems.add(UNAVAILABLE);
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    for (Problem p : problems) {
      responses.putIfAbsent(p.status(), new ApiResponse().$ref(p.name()));
    }
  }

  private static ApiResponse response(Problem p) {
    Schema<?> schema =
        new Schema<>()
            .addAllOfItem(new Schema<>().$ref(PROBLEM))
            .addProperty("type", new Schema<String>()._enum(p.types()));
    ApiResponse response =
        new ApiResponse()
            .description(p.when())
            .content(
                new Content()
                    .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(schema)));
    if (p.retryAfter()) {
      response.addHeaderObject(
          "Retry-After",
          new Header().description("Seconds to wait").schema(typed("integer", null)));
    }
    return response;
  }

  private static Schema<?> object(String description) {
    return typed("object", description);
  }

  private static Schema<?> string(String description) {
    return typed("string", description);
  }

  /** OpenAPI 3.1 writes {@code types}; 3.0 writes {@code type}: set both. */
  private static Schema<?> typed(String type, @Nullable String description) {
    Schema<?> schema = new Schema<>().type(type).types(Set.of(type));
    return description == null ? schema : schema.description(description);
  }
}
