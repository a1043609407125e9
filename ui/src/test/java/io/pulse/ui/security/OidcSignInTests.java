package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In {@code oidc} mode nobody signs in with the form: every page sends people to the provider's
 * authorization endpoint (here a made-up one; nothing is fetched from it at start-up).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "pulse.ui.login.mode=oidc",
      "spring.security.oauth2.client.registration.pulse.client-id=pulse-ui",
      "spring.security.oauth2.client.registration.pulse.client-secret=secret",
      "spring.security.oauth2.client.registration.pulse.scope=openid",
      "spring.security.oauth2.client.registration.pulse.authorization-grant-type=authorization_code",
      "spring.security.oauth2.client.registration.pulse.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
      "spring.security.oauth2.client.provider.pulse.authorization-uri=http://idp.invalid/authorize",
      "spring.security.oauth2.client.provider.pulse.token-uri=http://idp.invalid/token",
      "spring.security.oauth2.client.provider.pulse.jwk-set-uri=http://idp.invalid/jwks",
      "spring.security.oauth2.client.provider.pulse.user-name-attribute=sub"
    })
class OidcSignInTests {

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<Void> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void pagesSendPeopleToTheProviderWithState() throws Exception {
    HttpResponse<Void> page = get("/dealers/D1");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .endsWith("/oauth2/authorization/pulse");

    HttpResponse<Void> start = get("/oauth2/authorization/pulse");
    assertThat(start.statusCode()).isEqualTo(302);
    String provider = start.headers().firstValue("Location").orElseThrow();
    assertThat(provider)
        .startsWith("http://idp.invalid/authorize?")
        .contains("client_id=pulse-ui")
        .contains("state=")
        .contains("nonce=");
    // Health stays open for probes.
    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
  }
}
