package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestClockConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode: bearer JWTs from an OIDC provider (here a key pair made by the test, the
 * provider's public key given as {@code public-key-location}). The token's {@code pulse_*} claims
 * bind the caller exactly as a demo user's configuration does; HTTP Basic is off; a token that is
 * forged, expired or without a role gets nothing.
 */
@IntegrationTest
class OidcIntegrationTests {

  static final String INGEST_KEY = "oidc-test-ingest-key";
  static final RSAKey PROVIDER;
  static final RSAKey FORGER;
  static final Path PUBLIC_KEY;

  static {
    try {
      PROVIDER = new RSAKeyGenerator(2048).keyID("provider").generate();
      FORGER = new RSAKeyGenerator(2048).keyID("provider").generate();
      PUBLIC_KEY = Files.createTempFile("pulse-oidc-", ".pem");
      PUBLIC_KEY.toFile().deleteOnExit();
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(PROVIDER.toRSAPublicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
      Files.writeString(PUBLIC_KEY, pem);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void oidc(DynamicPropertyRegistry registry) {
    registry.add("pulse.security.mode", () -> "oidc");
    registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "pulse");
    // The demo key is refused outside demo mode: production brings its own.
    // A list from one source replaces the configuration's whole list: name the key too.
    registry.add("pulse.security.ingest-keys[0].name", () -> "oidc-test");
    registry.add("pulse.security.ingest-keys[0].key", () -> INGEST_KEY);
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        () -> PUBLIC_KEY.toUri().toString());
  }

  @Autowired WebTestClient client;
  @Autowired JsonMapper json;
  @Autowired MutableClock clock;
  @LocalServerPort int port;

  @BeforeEach
  void network() {
    client
        .post()
        .uri("/api/v1/network/import")
        .header("X-Api-Key", INGEST_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"brands":[{"id":"OIDB1","name":"Brand one"},{"id":"OIDB2","name":"Brand two"}],
             "regions":[{"id":"OIDR","name":"Region"}],
             "dealers":[
               {"id":"OIDD1","name":"Mine","brandId":"OIDB1","regionId":"OIDR","timeZone":"Europe/Moscow"},
               {"id":"OIDD2","name":"Same brand","brandId":"OIDB1","regionId":"OIDR","timeZone":"Europe/Moscow"},
               {"id":"OIDD3","name":"Other brand","brandId":"OIDB2","regionId":"OIDR","timeZone":"Europe/Moscow"}]}
            """)
        .exchange()
        .expectStatus()
        .isOk();
  }

  static String token(RSAKey key, Map<String, Object> claims, Instant expires) throws Exception {
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder()
            .subject("someone")
            .audience("pulse")
            .issueTime(new Date())
            .expirationTime(Date.from(expires));
    claims.forEach(set::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            set.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static String token(Map<String, Object> claims) throws Exception {
    return token(PROVIDER, claims, Instant.now().plusSeconds(600));
  }

  int status(String path, String bearer) {
    return client
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(bearer))
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  @Test
  void theTokensClaimsBindTheCallerLikeADemoUsersConfiguration() throws Exception {
    String manager =
        token(Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of("OIDD1")));
    assertThat(status("/api/v1/dealers/OIDD1/index?window=24h", manager)).isEqualTo(200);
    assertThat(status("/api/v1/dealers/OIDD2/index?window=24h", manager)).isEqualTo(404);
    assertThat(status("/api/v1/brands/OIDB1/index?window=24h", manager)).isEqualTo(404);
    client
        .get()
        .uri("/api/v1/me")
        .headers(h -> h.setBearerAuth(manager))
        .exchange()
        .expectBody()
        .jsonPath("$.role")
        .isEqualTo("DEALER_MANAGER")
        .jsonPath("$.dealers[0]")
        .isEqualTo("OIDD1");

    String executive = token(Map.of("pulse_role", "BRAND_EXECUTIVE", "pulse_brand", "OIDB1"));
    assertThat(status("/api/v1/dealers/OIDD2/index?window=24h", executive)).isEqualTo(200);
    assertThat(status("/api/v1/dealers/OIDD3/index?window=24h", executive)).isEqualTo(404);
    assertThat(status("/api/v1/brands/OIDB1/index?window=24h", executive)).isEqualTo(200);
    assertThat(status("/api/v1/brands/OIDB2/index?window=24h", executive)).isEqualTo(404);

    String admin = token(Map.of("pulse_role", "ADMIN"));
    assertThat(status("/api/v1/network/index?window=24h", admin)).isEqualTo(200);
    assertThat(status("/api/v1/network/index?window=24h", executive)).isEqualTo(403);
  }

  /** The API document offers what this mode accepts: bearer tokens and keys, no HTTP Basic. */
  @Test
  void theApiDocumentOffersBearerTokensNotBasicToAdminsOnly() throws Exception {
    String manager =
        token(Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of("OIDD1")));
    assertThat(status("/v3/api-docs", manager)).isEqualTo(403);
    String admin = token(Map.of("pulse_role", "ADMIN"));
    String document =
        client
            .mutate()
            // springdoc builds the document on its first request: seconds on a busy machine.
            .responseTimeout(Duration.ofSeconds(60))
            .build()
            .get()
            .uri("/v3/api-docs")
            .headers(h -> h.setBearerAuth(admin))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JsonNode schemes = json.readTree(document).at("/components/securitySchemes");
    assertThat(schemes.at("/oidcToken/scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.at("/oidcToken/bearerFormat").asString()).isEqualTo("JWT");
    assertThat(schemes.has("ingestKey")).isTrue();
    assertThat(schemes.has("demoUser")).isFalse();
  }

  @Test
  void forgedExpiredOrRolelessTokensAndBasicCredentialsGetNothing() throws Exception {
    String path = "/api/v1/dealers/OIDD1/index?window=24h";
    Map<String, Object> manager =
        Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of("OIDD1"));
    assertThat(status(path, token(FORGER, manager, Instant.now().plusSeconds(600)))).isEqualTo(401);
    assertThat(status(path, token(PROVIDER, manager, Instant.now().minusSeconds(600))))
        .isEqualTo(401);
    assertThat(status(path, token(Map.of("pulse_dealers", List.of("OIDD1"))))).isEqualTo(401);
    assertThat(status(path, token(Map.of("pulse_role", "EMPEROR")))).isEqualTo(401);
    // Signed by the provider, but for another application of it.
    assertThat(status(path, token(Map.of("aud", "crm", "pulse_role", "ADMIN")))).isEqualTo(401);
    // The demo ingest key is not a key here.
    assertThat(
            client
                .get()
                .uri("/api/v1/me")
                .header("X-Api-Key", "pulse-demo-ingest-key")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value())
        .isEqualTo(401);
    // The demo users do not exist in this mode.
    assertThat(
            client
                .get()
                .uri(path)
                .header("Authorization", TestClockConfiguration.ADMIN)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value())
        .isEqualTo(401);
  }

  @Test
  void noSessionTokensAreIssuedHereThePeoplesOwnTokensComeFromTheProvider() throws Exception {
    String manager =
        token(Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of("OIDD1")));
    client
        .post()
        .uri("/api/v1/auth/token")
        .headers(h -> h.setBearerAuth(manager))
        .exchange()
        .expectStatus()
        .isNotFound();
    client.post().uri("/api/v1/auth/token").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void aStreamEndsWhenItsTokenExpiresAskingForANewOne() throws Exception {
    clock.set(Instant.now());
    String manager =
        token(
            PROVIDER,
            Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of("OIDD1")),
            Instant.now().plusSeconds(3));
    String url = "http://127.0.0.1:" + port + "/api/v1/stream/dealers/OIDD1?window=24h";
    try (SseClient stream = SseClient.connect(url, Map.of("Authorization", "Bearer " + manager))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
      SseClient.Message last = stream.nextEvent(Duration.ofSeconds(15));
      assertThat(last.event()).isEqualTo("reauth");
      assertThat(last.data()).contains("expired");
      assertThat(stream.closedByServer(Duration.ofSeconds(5))).isTrue();
    }
  }
}
