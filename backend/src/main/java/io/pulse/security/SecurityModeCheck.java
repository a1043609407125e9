package io.pulse.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * What a mode needs before Pulse may start in it. Production (OIDC) refuses to start without a
 * token issuer and an audience, or with the demo's well-known ingest key; demo mode starts, loudly.
 */
final class SecurityModeCheck {

  static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

  private SecurityModeCheck() {}

  /** Why {@code properties} may not run; empty when they may. */
  static List<String> problems(SecurityProperties properties, Environment env) {
    List<String> problems = new ArrayList<>();
    if (!properties.oidc()) {
      return problems;
    }
    if (!env.containsProperty(JWT + "issuer-uri")
        && !env.containsProperty(JWT + "jwk-set-uri")
        && !env.containsProperty(JWT + "public-key-location")) {
      problems.add(
          "OIDC mode needs the token issuer: set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"
              + " (or "
              + JWT
              + "jwk-set-uri / public-key-location)");
    }
    String audiences = env.getProperty(JWT + "audiences", "");
    if (audiences.isBlank()) {
      problems.add(
          "OIDC mode needs the audience Pulse's tokens are issued for: set"
              + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES (e.g. pulse); tokens for other"
              + " applications of the same provider would be accepted otherwise");
    }
    for (SecurityProperties.ConfiguredKey key : properties.ingestKeys()) {
      if (SecurityProperties.DEMO_INGEST_KEY.equals(key.key())) {
        problems.add(
            "the demo ingest key (ingest key '"
                + key.name()
                + "') is accepted in demo mode only: set PULSE_INGEST_KEY to a secret of your own");
      }
    }
    return problems;
  }
}
