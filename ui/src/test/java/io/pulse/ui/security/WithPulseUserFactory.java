package io.pulse.ui.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/** The security context of {@link WithPulseUser}. */
class WithPulseUserFactory implements WithSecurityContextFactory<WithPulseUser> {

  @Override
  public SecurityContext createSecurityContext(WithPulseUser annotation) {
    PulseUiUser user =
        new PulseUiUser(
            annotation.name(),
            annotation.role(),
            Set.of(annotation.dealers()),
            annotation.brand().isEmpty() ? null : annotation.brand());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    List<SimpleGrantedAuthority> authorities =
        List.of(new SimpleGrantedAuthority("ROLE_" + user.role()));
    if (annotation.oidc()) {
      Map<String, Object> claims = new HashMap<>();
      claims.put("sub", annotation.name());
      claims.put("pulse_role", annotation.role());
      claims.put("pulse_dealers", List.of(annotation.dealers()));
      if (!annotation.brand().isEmpty()) {
        claims.put("pulse_brand", annotation.brand());
      }
      OidcIdToken token =
          new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(600), claims);
      context.setAuthentication(
          new OAuth2AuthenticationToken(
              new DefaultOidcUser(authorities, token), authorities, "pulse"));
      return context;
    }
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    return context;
  }
}
