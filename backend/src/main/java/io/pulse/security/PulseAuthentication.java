package io.pulse.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link PulseUser}, however they proved who they are. */
public final class PulseAuthentication extends AbstractAuthenticationToken {

  private final PulseUser user;

  public PulseAuthentication(PulseUser user) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    this.user = user;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public PulseUser getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user.name();
  }
}
