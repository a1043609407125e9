package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Alert;
import io.pulse.api.SessionToken;
import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestNetwork;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * Demo mode's session tokens, what the UI acts as a person with: issued for a person's password or
 * their still-valid token, accepted on every endpoint as that person, refused once expired or when
 * signed with another key, and accepted by every instance on the same database. The browser's
 * address, forwarded by the UI (a trusted proxy), is what the sign-in throttle counts.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=mgr1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=DEALER_MANAGER",
      "pulse.security.users[1].dealers=STD1",
      "pulse.security.session-tokens.lifetime=5m",
      "pulse.security.failed-sign-ins-per-minute=3",
      "pulse.security.forwarded.trusted-proxies=127.0.0.1,::1"
    })
class SessionTokenIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @LocalServerPort int port;

  private final Instant now = Instant.parse("2026-11-23T10:00:30Z");

  @BeforeEach
  void network() {
    clock.set(now);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"STB1","name":"Brand one"}],
         "regions":[{"id":"STR","name":"Region"}],
         "dealers":[
           {"id":"STD1","name":"Mine","brandId":"STB1","regionId":"STR","timeZone":"Europe/Moscow"},
           {"id":"STD2","name":"Not mine","brandId":"STB1","regionId":"STR","timeZone":"Europe/Moscow"}]}
        """);
  }

  private WebTestClient.ResponseSpec issue(String authorization) {
    return client
        .post()
        .uri("/api/v1/auth/token")
        .header("Authorization", authorization)
        .exchange();
  }

  private SessionToken token(String authorization) {
    SessionToken t =
        issue(authorization)
            .expectStatus()
            .isOk()
            .expectBody(SessionToken.class)
            .returnResult()
            .getResponseBody();
    assertThat(t).isNotNull();
    return t;
  }

  private int status(String path, String bearer) {
    return client
        .get()
        .uri(path)
        .header("Authorization", "Bearer " + bearer)
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  @Test
  void aPasswordBuysATokenThatActsAsThePersonAndRenewsItselfUntilItExpires() {
    SessionToken first = token(Caller.basic("mgr1", "pw"));
    assertThat(first.user().name()).isEqualTo("mgr1");
    assertThat(first.user().dealers()).containsExactly("STD1");
    // 5 minutes, in whole seconds as the JWT says.
    assertThat(first.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    assertThat(status("/api/v1/dealers/STD1", first.token())).isEqualTo(200);
    assertThat(status("/api/v1/dealers/STD2", first.token())).isEqualTo(404);
    assertThat(status("/api/v1/admin/audit", first.token())).isEqualTo(403);
    client
        .get()
        .uri("/api/v1/me")
        .header("Authorization", "Bearer " + first.token())
        .exchange()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("mgr1")
        .jsonPath("$.role")
        .isEqualTo("DEALER_MANAGER");

    // Four minutes on, the token renews itself for five more.
    clock.set(now.plus(Duration.ofMinutes(4)));
    SessionToken renewed = token("Bearer " + first.token());
    assertThat(renewed.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(9)));
    assertThat(renewed.user().name()).isEqualTo("mgr1");

    // Past the first one's expiry: it opens nothing and renews nothing; the renewed one works.
    clock.set(now.plus(Duration.ofMinutes(6)));
    assertThat(status("/api/v1/dealers/STD1", first.token())).isEqualTo(401);
    issue("Bearer " + first.token()).expectStatus().isUnauthorized();
    assertThat(status("/api/v1/dealers/STD1", renewed.token())).isEqualTo(200);
  }

  @Test
  void aStreamOpenedWithASessionTokenEndsAtItsExpiryAskingForANewOne() throws Exception {
    SessionToken mine = token(Caller.basic("mgr1", "pw"));
    // Two seconds before the token's end: the stream gets those two seconds, then reauth.
    clock.set(mine.expiresAt().minusSeconds(2));
    String url = "http://127.0.0.1:" + port + "/api/v1/stream/dealers/STD1?window=24h";
    try (SseClient stream =
        SseClient.connect(url, Map.of("Authorization", "Bearer " + mine.token()))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
      SseClient.Message last = stream.nextEvent(Duration.ofSeconds(15));
      assertThat(last.event()).isEqualTo("reauth");
      assertThat(stream.closedByServer(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aTokenSignedWithAnotherKeyOrTamperedWithIsRefused() {
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    SessionTokens forger =
        new SessionTokens(
            new SessionTokenProperties(
                Duration.ofMinutes(5), Base64.getEncoder().encodeToString(other)),
            db,
            clock);
    String admin =
        forger
            .issue(new PulseUser("admin", io.pulse.api.Role.ADMIN, java.util.Set.of(), null))
            .map(SessionToken::token)
            .block(Duration.ofSeconds(10));
    assertThat(status("/api/v1/admin/audit", admin)).isEqualTo(401);

    // The manager's own token with its claims changed to an admin's: the signature no longer fits.
    String mine = token(Caller.basic("mgr1", "pw")).token();
    String[] parts = mine.split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]))
            .replace("\"DEALER_MANAGER\"", "\"ADMIN\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes())
            + "."
            + parts[2];
    assertThat(status("/api/v1/admin/audit", tampered)).isEqualTo(401);
  }

  @Test
  void anotherInstanceOnTheSameDatabaseAcceptsTheTokens() {
    String mine = token(Caller.basic("mgr1", "pw")).token();
    // A second instance: no key of its own configured, so it reads the one in PostgreSQL.
    SessionTokens second =
        new SessionTokens(new SessionTokenProperties(Duration.ofMinutes(5), null), db, clock);
    StepVerifier.create(second.decoder().decode(mine))
        .assertNext(jwt -> {
          assertThat(jwt.getSubject()).isEqualTo("mgr1");
          assertThat(jwt.getClaimAsStringList("pulse_dealers")).containsExactly("STD1");
        })
        .verifyComplete();
  }

  @Test
  void anAlertTransitionMadeWithATokenRecordsThePerson() {
    UUID detractor = UUID.randomUUID();
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.event(detractor, "STD1", now, Map.of("RECOMMEND", 2)))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    String mine = token(Caller.basic("mgr1", "pw")).token();
    Alert acknowledged =
        client
            .post()
            .uri("/api/v1/alerts/" + detractor + "/acknowledge")
            .header("Authorization", "Bearer " + mine)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Alert.class)
            .returnResult()
            .getResponseBody();
    assertThat(acknowledged).isNotNull();
    assertThat(acknowledged.acknowledgedBy()).isEqualTo("mgr1");
    assertThat(acknowledged.resolvedBy()).isNull();
    client
        .get()
        .uri("/api/v1/admin/audit?limit=50")
        .exchange()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("ALERT_ACKNOWLEDGED").contains("\"mgr1\""));
  }

  @Test
  void theSignInThrottleCountsTheBrowserTheTrustedUiForwards() {
    String browser = "203.0.113.7";
    for (int i = 0; i < 3; i++) {
      client
          .post()
          .uri("/api/v1/auth/token")
          .header("Authorization", Caller.basic("mgr1", "wrong"))
          .header("X-Forwarded-For", browser)
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
    // That browser is stopped, the right password included...
    client
        .post()
        .uri("/api/v1/auth/token")
        .header("Authorization", Caller.basic("mgr1", "pw"))
        .header("X-Forwarded-For", browser)
        .exchange()
        .expectStatus()
        .isEqualTo(429);
    // ...the person at another browser behind the same UI is not.
    client
        .post()
        .uri("/api/v1/auth/token")
        .header("Authorization", Caller.basic("mgr1", "pw"))
        .header("X-Forwarded-For", "198.51.100.9")
        .exchange()
        .expectStatus()
        .isOk();
    client
        .get()
        .uri("/api/v1/admin/audit?limit=50")
        .exchange()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains(browser).contains("198.51.100.9"));
  }

  @Test
  void theTokenEndpointHasNoSessionForAnIngestKey() {
    client
        .post()
        .uri("/api/v1/auth/token")
        .header("X-Api-Key", "pulse-demo-ingest-key")
        .exchange()
        .expectStatus()
        .isForbidden();
  }
}
