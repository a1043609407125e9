package io.pulse.ui.security;

import io.pulse.api.Me;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Checks a login form's name and password with the backend ({@code GET /api/v1/me} with those
 * credentials), so the UI has no user list of its own: the backend's demo users (or, behind it, the
 * organisation's directory) decide. The password is forgotten once the backend has answered.
 */
@Component
class BackendSignIn implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(BackendSignIn.class);

  private final BackendClient backend;
  private final BackendProperties properties;

  BackendSignIn(BackendClient backend, BackendProperties properties) {
    this.backend = backend;
    this.properties = properties;
  }

  @Override
  public Authentication authenticate(Authentication login) throws AuthenticationException {
    String name = login.getName();
    String password = String.valueOf(login.getCredentials());
    if (name == null || name.isBlank() || name.length() > 200 || password.length() > 200) {
      throw new BadCredentialsException("bad credentials");
    }
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    Me caller;
    try {
      // A servlet request thread (the login form's POST), not an event loop: blocking is fine.
      caller = backend.whoIs(basic).block(properties.requestTimeout());
    } catch (WebClientResponseException.Unauthorized e) {
      throw new BadCredentialsException("bad credentials");
    } catch (RuntimeException e) {
      log.warn("sign-in of {} failed: the backend did not answer ({})", name, e.toString());
      throw new AuthenticationServiceException("the backend cannot be reached", e);
    }
    if (caller == null) {
      throw new AuthenticationServiceException("the backend gave no answer");
    }
    PulseUiUser user =
        new PulseUiUser(
            caller.name(), caller.role().name(), Set.copyOf(caller.dealers()), caller.brand());
    if (!user.isPerson()) {
      throw new DisabledException("role " + caller.role() + " has no screens");
    }
    log.info("{} signed in as {}", user.name(), user.role());
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
