package io.pulse.ui.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.base.CurrentUser;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The {@link CurrentUser} of the request being served: the {@link PulseUiUser} that signed in with
 * the login form (and their session token), the one an OIDC provider's ID token describes (and
 * their access token), or nobody (who may open nothing and reads nothing).
 */
@Component
class SignedInUser implements CurrentUser {

  private final AuthenticationContext authentication;
  private final SignInProperties signIn;
  private final ObjectProvider<OAuth2AuthorizedClientManager> oidcClients;

  SignedInUser(
      AuthenticationContext authentication,
      SignInProperties signIn,
      ObjectProvider<OAuth2AuthorizedClientManager> oidcClients) {
    this.authentication = authentication;
    this.signIn = signIn;
    this.oidcClients = oidcClients;
  }

  @Override
  public BackendCredential credential() {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (current == null || user().isEmpty()) {
      return BackendCredential.NOBODY;
    }
    if (current.getDetails() instanceof SessionTokenCredential token) {
      return token;
    }
    OAuth2AuthorizedClientManager clients = oidcClients.getIfAvailable();
    if (clients != null && current.getPrincipal() instanceof OidcUser) {
      return new OidcAccessToken(
          clients, signIn.registration(), current, user().orElseThrow().accessKey());
    }
    return BackendCredential.NOBODY;
  }

  private Optional<PulseUiUser> user() {
    // Vaadin's getAuthenticatedUser(type) casts rather than checks: match the principal here.
    return authentication
        .getAuthenticatedUser(Object.class)
        .map(principal ->
            switch (principal) {
              case PulseUiUser u -> u;
              // Signed in at the OIDC provider: the ID token's claims say who this is.
              case OidcUser u -> PulseUiUser.fromClaims(u.getSubject(), u.getClaims());
              default -> null;
            })
        .filter(PulseUiUser::isPerson);
  }

  @Override
  public Optional<String> name() {
    return user().map(PulseUiUser::name);
  }

  @Override
  public boolean mayOpenDealer(String dealerId, String brandId) {
    return user().map(u -> u.canSeeDealer(dealerId, brandId)).orElse(false);
  }

  @Override
  public boolean mayOpenBrand(String brandId) {
    return user().map(u -> u.canSeeBrand(brandId)).orElse(false);
  }

  @Override
  public boolean mayHandleDealer(String dealerId) {
    return user().map(u -> u.canHandleDealer(dealerId)).orElse(false);
  }

  @Override
  public boolean seesPersonalData() {
    return user().map(u -> u.role().equals(PulseUiUser.ADMIN)).orElse(false);
  }

  @Override
  public boolean mayOpenAnyBrand() {
    return user()
        .map(
            u -> u.role().equals(PulseUiUser.ADMIN) || u.role().equals(PulseUiUser.BRAND_EXECUTIVE))
        .orElse(false);
  }

  @Override
  public SortedSet<String> ownDealers() {
    return new TreeSet<>(user().map(PulseUiUser::dealers).orElse(Set.of()));
  }

  @Override
  public void signOut() {
    authentication.logout();
  }
}
