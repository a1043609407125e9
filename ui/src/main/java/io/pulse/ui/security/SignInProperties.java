package io.pulse.ui.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in.
 *
 * @param mode {@code demo}: the login form, checked against the backend's users ({@code GET
 *     /api/v1/me}); {@code oidc}: sign-in at the organisation's OIDC provider, configured as the
 *     Spring Security client registration {@code registration}; the ID token's {@code pulse_role},
 *     {@code pulse_dealers} and {@code pulse_brand} claims bind the user, as the backend reads them
 *     from access tokens (env {@code PULSE_UI_LOGIN_MODE}); any other value stops the start
 * @param registration the client registration of the OIDC provider ({@code
 *     spring.security.oauth2.client.registration.<registration>.*})
 * @param hint a line under the login form, e.g. the demo users of a demo installation (env {@code
 *     PULSE_UI_LOGIN_HINT}); none by default
 */
@ConfigurationProperties("pulse.ui.login")
public record SignInProperties(
    @DefaultValue("demo") Mode mode,
    @DefaultValue("pulse") String registration,
    @Nullable String hint) {

  /** How people sign in: never a silent fallback from a mistyped production setting. */
  public enum Mode {
    DEMO,
    OIDC
  }

  public boolean oidc() {
    return mode == Mode.OIDC;
  }
}
