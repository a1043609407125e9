package io.pulse.ui.security;

import io.pulse.ui.backend.BackendProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServletOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * The UI's own identity at a backend in OIDC mode: an access token from the provider by the client
 * credentials grant (registration {@code pulse.ui.backend-client-registration}), fetched and
 * renewed by Spring Security and sent with every request that carries no {@code Authorization} of
 * its own. Off unless that property is set; the demo uses HTTP Basic instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("pulse.ui.backend-client-registration")
class BackendTokens {

  @Bean
  WebClientCustomizer backendClientCredentials(
      ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService clients,
      BackendProperties properties) {
    ExchangeFilterFunction tokens =
        clientCredentials(
            registrations, clients, String.valueOf(properties.backendClientRegistration()));
    return builder -> builder.filter(tokens);
  }

  /**
   * Adds the registration's client-credentials token to requests without an {@code Authorization};
   * a request that brings its own (a sign-in check) keeps it.
   */
  static ExchangeFilterFunction clientCredentials(
      ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService clients,
      String registrationId) {
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    return clientCredentials(manager, registrationId);
  }

  static ExchangeFilterFunction clientCredentials(
      OAuth2AuthorizedClientManager manager, String registrationId) {
    ServletOAuth2AuthorizedClientExchangeFilterFunction oauth =
        new ServletOAuth2AuthorizedClientExchangeFilterFunction(manager);
    oauth.setDefaultClientRegistrationId(registrationId);
    return (request, next) ->
        request.headers().containsHeader(HttpHeaders.AUTHORIZATION)
            ? next.exchange(request)
            : oauth.filter(request, next);
  }
}
