package io.pulse.ui.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
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
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role()))));
    return context;
  }
}
