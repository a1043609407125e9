package io.pulse.security;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link PulseUser}, however they proved who they are. */
public final class PulseAuthentication extends AbstractAuthenticationToken {

  private final PulseUser user;
  private final @Nullable Instant expiresAt;

  public PulseAuthentication(PulseUser user) {
    this(user, null);
  }

  /**
   * @param expiresAt when the credentials stop being valid (a token's {@code exp}), or null when
   *     they do not expire by themselves (a password, an API key)
   */
  public PulseAuthentication(PulseUser user, @Nullable Instant expiresAt) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    this.user = user;
    this.expiresAt = expiresAt;
    setAuthenticated(true);
  }

  /** When the credentials stop being valid, if they expire by themselves. */
  public @Nullable Instant expiresAt() {
    return expiresAt;
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
