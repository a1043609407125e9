package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ui.backend.BackendCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import reactor.test.StepVerifier;

/**
 * OIDC mode: the UI relays the person's own access token, as Spring Security's authorized client
 * manager hands it out (refreshing it when due), for that person and registration only; a person
 * without one (or whose refresh failed) has no credential.
 */
class OidcAccessTokenTests {

  final ClientRegistration registration =
      ClientRegistration.withRegistrationId("pulse")
          .clientId("pulse-ui")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .authorizationUri("http://idp.invalid/authorize")
          .tokenUri("http://idp.invalid/token")
          .build();
  final TestingAuthenticationToken person = new TestingAuthenticationToken("anna", null);
  final List<OAuth2AuthorizeRequest> requests = new CopyOnWriteArrayList<>();

  OAuth2AuthorizedClientManager manager(String tokenValue) {
    return request -> {
      requests.add(request);
      if (tokenValue == null) {
        return null;
      }
      if (tokenValue.isEmpty()) {
        throw new IllegalStateException("the provider refused the refresh token");
      }
      return new OAuth2AuthorizedClient(
          registration,
          request.getPrincipal().getName(),
          new OAuth2AccessToken(
              OAuth2AccessToken.TokenType.BEARER,
              tokenValue,
              Instant.now(),
              Instant.now().plusSeconds(300)));
    };
  }

  @Test
  void thePersonsOwnAccessTokenIsRelayed() {
    OidcAccessToken credential =
        new OidcAccessToken(manager("anna-access"), "pulse", person, "DEALER_MANAGER||D1");
    StepVerifier.create(credential.authorization())
        .expectNext("Bearer anna-access")
        .verifyComplete();
    assertThat(requests)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.getClientRegistrationId()).isEqualTo("pulse");
          assertThat(r.getPrincipal().getName()).isEqualTo("anna");
        });
    assertThat(credential.person()).isEqualTo("anna");
  }

  @Test
  void withoutATokenOrWhenTheRefreshFailsThePersonHasNoCredential() {
    for (String missing : new String[] {null, ""}) {
      StepVerifier.create(
              new OidcAccessToken(manager(missing), "pulse", person, "k").authorization())
          .expectError(BackendCredential.CredentialExpiredException.class)
          .verify(Duration.ofSeconds(5));
    }
  }
}
