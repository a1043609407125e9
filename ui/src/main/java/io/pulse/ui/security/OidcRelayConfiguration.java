package io.pulse.ui.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * OIDC mode: the people's authorized clients (their access and refresh tokens, stored by the login
 * under their name) looked up and refreshed outside a request too, for the streams and re-reads
 * {@link io.pulse.ui.backend.LiveHub} makes on their behalf. The UI gets no token of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pulse.ui.login.mode", havingValue = "oidc")
class OidcRelayConfiguration {

  @Bean
  OAuth2AuthorizedClientManager peoplesAccessTokens(
      ClientRegistrationRepository registrations, OAuth2AuthorizedClientService clients) {
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
    // Only tokens the person already has, refreshed: never a token of the UI's own.
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder().refreshToken().build());
    return manager;
  }
}
