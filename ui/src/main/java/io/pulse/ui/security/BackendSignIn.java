package io.pulse.ui.security;

import io.pulse.api.Me;
import io.pulse.api.SessionToken;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Checks a login form's name and password with the backend, which answers with a session token for
 * that person ({@code POST /api/v1/auth/token}), so the UI has no user list of its own and no
 * credential of its own: the backend's demo users decide, and the token, kept in the person's
 * session as a {@link SessionTokenCredential}, is what every call for them carries. The password is
 * forgotten once the backend has answered. The browser's address goes along for the backend's
 * sign-in throttle (which believes it from the UI only).
 */
@Component
class BackendSignIn implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(BackendSignIn.class);

  private final BackendClient backend;
  private final BackendProperties properties;
  private final Clock clock;

  BackendSignIn(BackendClient backend, BackendProperties properties, Clock clock) {
    this.backend = backend;
    this.properties = properties;
    this.clock = clock;
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
    String browser =
        login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    SessionToken token;
    try {
      // A servlet request thread (the login form's POST), not an event loop: blocking is fine.
      token = backend.sessionToken(basic, browser).block(properties.requestTimeout());
    } catch (WebClientResponseException.Unauthorized e) {
      throw new BadCredentialsException("bad credentials");
    } catch (WebClientResponseException.TooManyRequests e) {
      throw new LockedException("too many failed sign-ins; try again in a minute");
    } catch (RuntimeException e) {
      log.warn("sign-in of {} failed: the backend did not answer ({})", name, e.toString());
      throw new AuthenticationServiceException("the backend cannot be reached", e);
    }
    if (token == null) {
      throw new AuthenticationServiceException("the backend gave no answer");
    }
    Me caller = token.user();
    PulseUiUser user =
        new PulseUiUser(
            caller.name(), caller.role().name(), Set.copyOf(caller.dealers()), caller.brand());
    if (!user.isPerson()) {
      throw new DisabledException("role " + caller.role() + " has no screens");
    }
    log.info("{} signed in as {}", user.name(), user.role());
    UsernamePasswordAuthenticationToken signedIn =
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
    // Details, not credentials: Spring Security erases credentials after sign-in.
    signedIn.setDetails(new SessionTokenCredential(backend, clock, user.accessKey(), token));
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
