package io.pulse.security;

import java.util.Arrays;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests the role gate treats specially: those an ingest client's API key may make, the one
 * any signed-in caller may make, and the one anyone may make. {@link SecurityConfiguration}
 * enforces these and the API description reads them, so the published security of an endpoint
 * cannot drift from the real one.
 */
public final class ApiAccess {

  /** The header an ingest client sends its API key in. */
  public static final String API_KEY_HEADER = "X-Api-Key";

  static final String[] KEY_POSTS = {
    "/api/v1/feedback", "/api/v1/feedback/batch", "/api/v1/network/import"
  };
  static final String[] KEY_PUTS = {"/api/v1/brands/*", "/api/v1/regions/*", "/api/v1/dealers/*"};
  static final String EVERY_ROLE_GET = "/api/v1/me";

  /**
   * The one request anyone may make without credentials: opening the link of an e-mail
   * confirmation, whose token (in the body) is the proof. It is throttled per source address.
   */
  public static final String CONFIRM_EMAIL = "/api/v1/notifications/confirm";

  /**
   * The OpenAPI document (JSON, YAML, the Swagger UI's config) and Swagger UI: admins only, as it
   * maps every endpoint an attacker could try.
   */
  static final String[] API_DESCRIPTION = {
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/v3/api-docs.yaml",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/webjars/swagger-ui/**"
  };

  private ApiAccess() {}

  /**
   * Whether an API key may make this request. {@code path} may be a template such as {@code
   * /api/v1/brands/{id}}: a variable is one segment, as {@code *} is in the patterns.
   */
  public static boolean takesApiKey(HttpMethod method, String path) {
    String[] patterns =
        HttpMethod.POST.equals(method)
            ? KEY_POSTS
            : HttpMethod.PUT.equals(method) ? KEY_PUTS : new String[0];
    PathContainer container = PathContainer.parsePath(path);
    return Arrays.stream(patterns)
        .anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(container));
  }

  /** Whether anyone may make this request, without credentials. */
  public static boolean openToAnyone(HttpMethod method, String path) {
    return HttpMethod.POST.equals(method) && CONFIRM_EMAIL.equals(path);
  }

  /** Whether every signed-in caller, whatever the role, may make this request (no 403). */
  public static boolean openToEveryRole(HttpMethod method, String path) {
    return HttpMethod.GET.equals(method) && EVERY_ROLE_GET.equals(path);
  }
}
