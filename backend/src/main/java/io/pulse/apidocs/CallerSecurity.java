package io.pulse.apidocs;

import io.pulse.security.ApiAccess;
import io.pulse.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The credentials this instance really accepts: HTTP Basic for the built-in users and their session
 * tokens in demo mode, or an OIDC bearer token, never both, and an ingest client's API key on the
 * requests {@link ApiAccess} lets a key make.
 */
final class CallerSecurity {

  static final String DEMO_USER = "demoUser";
  static final String OIDC_TOKEN = "oidcToken";
  static final String SESSION_TOKEN = "sessionToken";
  static final String INGEST_KEY = "ingestKey";

  private CallerSecurity() {}

  static void addSchemes(Components components, SecurityProperties security) {
    if (security.oidc()) {
      components.addSecuritySchemes(
          OIDC_TOKEN,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .bearerFormat("JWT")
              .description(
                  "A JWT from the configured OIDC provider, for one of the configured audiences;"
                      + " its claims `pulse_role` (DEALER_MANAGER, BRAND_EXECUTIVE, ADMIN),"
                      + " `pulse_dealers` and `pulse_brand` say who the caller is."));
    } else {
      components.addSecuritySchemes(
          DEMO_USER,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("basic")
              .description(
                  "Demo mode: a built-in user (`pulse.security.users`). After"
                      + " `pulse.security.failed-sign-ins-per-minute` failures under one name from"
                      + " one address, sign-ins under it are 429 for the rest of the minute."));
      components.addSecuritySchemes(
          SESSION_TOKEN,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .bearerFormat("JWT")
              .description(
                  "Demo mode: a session token from `POST /api/v1/auth/token`, minutes long, acting"
                      + " as the person it was issued to (what the UI sends for its people)."));
    }
    components.addSecuritySchemes(
        INGEST_KEY,
        new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name(ApiAccess.API_KEY_HEADER)
            .description(
                "An ingest client's key (created with `POST /api/v1/admin/api-keys` or"
                    + " configured), limited to its brands, capabilities (FEEDBACK, NETWORK) and"
                    + " expiry."));
  }

  /**
   * A person's credentials or, where a key may call (ingest, and who am I), an API key; none where
   * anyone may call (an empty requirement).
   */
  static void apply(
      HttpMethod method, String path, Operation operation, SecurityProperties security) {
    if (ApiAccess.openToAnyone(method, path)) {
      operation.setSecurity(List.of(new SecurityRequirement()));
      return;
    }
    List<SecurityRequirement> alternatives = new ArrayList<>();
    alternatives.add(new SecurityRequirement().addList(security.oidc() ? OIDC_TOKEN : DEMO_USER));
    if (!security.oidc()) {
      alternatives.add(new SecurityRequirement().addList(SESSION_TOKEN));
    }
    if (ApiAccess.takesApiKey(method, path) || ApiAccess.openToEveryRole(method, path)) {
      alternatives.add(new SecurityRequirement().addList(INGEST_KEY));
    }
    operation.setSecurity(alternatives);
  }
}
