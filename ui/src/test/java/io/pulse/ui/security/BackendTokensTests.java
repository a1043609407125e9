package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The UI's client-credentials token for a backend in OIDC mode, against a real (tiny) token
 * endpoint and API on loopback: fetched once and sent with every request that has no {@code
 * Authorization} of its own; a request with its own keeps it.
 */
class BackendTokensTests {

  HttpServer server;
  final AtomicInteger tokensIssued = new AtomicInteger();
  final List<String> seen = new CopyOnWriteArrayList<>();
  WebClient client;

  @BeforeEach
  void providerAndBackend() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean ok = form.contains("grant_type=client_credentials");
          byte[] body =
              ("{\"access_token\":\"t"
                      + tokensIssued.incrementAndGet()
                      + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/api/v1/brands",
        exchange -> {
          seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    ClientRegistration registration =
        ClientRegistration.withRegistrationId("backend")
            .clientId("pulse-ui")
            .clientSecret("secret")
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .tokenUri(base + "/token")
            .build();
    InMemoryClientRegistrationRepository registrations =
        new InMemoryClientRegistrationRepository(registration);
    client =
        WebClient.builder()
            .baseUrl(base)
            .filter(
                BackendTokens.clientCredentials(
                    registrations,
                    new InMemoryOAuth2AuthorizedClientService(registrations),
                    "backend"))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String get(String authorization) {
    var spec = client.get().uri("/api/v1/brands");
    if (authorization != null) {
      spec = spec.header("Authorization", authorization);
    }
    return spec.retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
  }

  @Test
  void requestsCarryTheUisTokenFetchedOnce() {
    get(null);
    get(null);
    assertThat(seen).containsExactly("Bearer t1", "Bearer t1");
    assertThat(tokensIssued).hasValue(1);
  }

  @Test
  void aRequestWithItsOwnCredentialsKeepsThem() {
    get("Basic bWFuYWdlcjpkZW1v");
    assertThat(seen).containsExactly("Basic bWFuYWdlcjpkZW1v");
    assertThat(tokensIssued).hasValue(0);
  }
}
