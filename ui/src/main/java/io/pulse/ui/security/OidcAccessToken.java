package io.pulse.ui.security;

import io.pulse.ui.backend.BackendCredential;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A person signed in at the OIDC provider (OIDC mode): the access token the provider gave them at
 * sign-in, relayed to the backend as theirs, refreshed with their refresh token by Spring Security
 * when it is about to expire. Gone once it cannot be refreshed (the person signs in again).
 */
final class OidcAccessToken implements BackendCredential {

  private final OAuth2AuthorizedClientManager clients;
  private final String registrationId;
  private final Authentication person;
  private final String accessKey;

  OidcAccessToken(
      OAuth2AuthorizedClientManager clients,
      String registrationId,
      Authentication person,
      String accessKey) {
    this.clients = clients;
    this.registrationId = registrationId;
    this.person = person;
    this.accessKey = accessKey;
  }

  @Override
  public String person() {
    return person.getName();
  }

  @Override
  public String accessKey() {
    return accessKey;
  }

  @Override
  public Mono<String> authorization() {
    // A refresh is an HTTP call to the provider made by a blocking client: off the event loops.
    return Mono.fromCallable(
            () -> {
              OAuth2AuthorizedClient client =
                  clients.authorize(
                      OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                          .principal(person)
                          .build());
              if (client == null) {
                throw new CredentialExpiredException(person.getName() + " has no access token");
              }
              return "Bearer " + client.getAccessToken().getTokenValue();
            })
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(
            e -> !(e instanceof CredentialExpiredException),
            e ->
                new CredentialExpiredException(
                    person.getName() + "'s access token cannot be refreshed: " + e.getMessage()));
  }
}
