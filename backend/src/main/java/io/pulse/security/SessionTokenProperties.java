package io.pulse.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The session tokens the backend issues to the UI for its signed-in people in demo mode ({@code
 * POST /api/v1/auth/token}).
 *
 * @param lifetime how long one token is accepted; the UI renews it with the token itself before
 *     then, and a stream opened with it ends at its expiry with {@code event: reauth}
 * @param signingKey the HMAC-SHA256 key, Base64, at least 32 bytes (env {@code
 *     PULSE_SECURITY_SESSIONTOKENS_SIGNINGKEY}); when absent the first instance makes one and keeps
 *     it in PostgreSQL for all others
 */
@Validated
@ConfigurationProperties("pulse.security.session-tokens")
public record SessionTokenProperties(
    @NotNull @DefaultValue("10m") Duration lifetime, @Nullable String signingKey) {

  public SessionTokenProperties {
    if (lifetime.compareTo(Duration.ofMinutes(1)) < 0
        || lifetime.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "pulse.security.session-tokens.lifetime must be between 1m and 1h, not " + lifetime);
    }
  }
}
