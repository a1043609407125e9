package io.pulse.ui.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sign-in page.
 *
 * @param hint a line under the login form, e.g. the demo users of a demo installation (env {@code
 *     PULSE_UI_LOGIN_HINT}); none by default
 */
@ConfigurationProperties("pulse.ui.login")
public record SignInProperties(@Nullable String hint) {}
