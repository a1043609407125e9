package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Me;
import io.pulse.api.Role;
import io.pulse.api.SessionToken;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.backend.BackendProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * A person's session token in the UI, against a fake token endpoint on loopback: sent as is for the
 * first half of its life, renewed with itself after that (one request however many ask at once),
 * kept when a renewal fails while it is still valid, and gone once expired. The sign-in forwards
 * the browser's address.
 */
class SessionTokenCredentialTests {

  final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(t0);
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  final List<String> asked = new CopyOnWriteArrayList<>();
  final List<String> forwarded = new CopyOnWriteArrayList<>();
  final AtomicInteger issued = new AtomicInteger();
  volatile boolean refusing;
  DisposableServer server;
  BackendClient backend;

  @BeforeEach
  void tokenEndpoint() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes ->
                routes.post(
                    "/api/v1/auth/token",
                    (request, response) -> {
                      asked.add(request.requestHeaders().get("Authorization"));
                      String from = request.requestHeaders().get("X-Forwarded-For");
                      if (from != null) {
                        forwarded.add(from);
                      }
                      if (refusing) {
                        return response.status(503).send();
                      }
                      int n = issued.incrementAndGet();
                      // Slow enough for concurrent askers to meet one renewal in flight.
                      return response
                          .header("Content-Type", "application/json")
                          .sendString(
                              Mono.delay(Duration.ofMillis(100))
                                  .thenReturn(json("t" + n, now.get().plusSeconds(600))));
                    }))
            .bindNow();
    BackendProperties properties =
        new BackendProperties(
            URI.create("http://127.0.0.1:" + server.port()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            10,
            10,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofMinutes(1));
    backend = new BackendClient(WebClient.builder(), properties);
  }

  @AfterEach
  void stop() {
    server.disposeNow();
  }

  static String json(String token, Instant expires) {
    return """
    {"token":"%s","expiresAt":"%s","user":{"name":"manager","role":"DEALER_MANAGER","dealers":["D1"]}}\
    """
        .formatted(token, expires);
  }

  SessionTokenCredential signedIn() {
    SessionToken first =
        new SessionToken(
            "t0", t0.plusSeconds(600), new Me("manager", Role.DEALER_MANAGER, List.of("D1"), null));
    return new SessionTokenCredential(backend, clock, "DEALER_MANAGER||D1", first);
  }

  @Test
  void theTokenIsSentAsIsForHalfItsLifeThenRenewedWithItselfOnceForEveryoneAsking() {
    SessionTokenCredential credential = signedIn();
    now.set(t0.plusSeconds(299));
    StepVerifier.create(credential.authorization()).expectNext("Bearer t0").verifyComplete();
    assertThat(asked).isEmpty();

    now.set(t0.plusSeconds(301));
    List<String> got =
        Flux.range(0, 5)
            .flatMap(i -> credential.authorization())
            .collectList()
            .block(Duration.ofSeconds(5));
    assertThat(got).containsOnly("Bearer t1");
    assertThat(asked).containsExactly("Bearer t0");
    assertThat(credential.expiresAt()).isEqualTo(t0.plusSeconds(901));
    StepVerifier.create(credential.authorization()).expectNext("Bearer t1").verifyComplete();
  }

  @Test
  void aFailedRenewalKeepsTheValidTokenAndAnExpiredOneIsGone() {
    SessionTokenCredential credential = signedIn();
    refusing = true;
    now.set(t0.plusSeconds(400));
    StepVerifier.create(credential.authorization()).expectNext("Bearer t0").verifyComplete();
    now.set(t0.plusSeconds(600));
    StepVerifier.create(credential.authorization())
        .expectError(BackendCredential.CredentialExpiredException.class)
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void signingInForwardsTheBrowsersAddress() {
    StepVerifier.create(backend.sessionToken("Basic bWFuYWdlcjpkZW1v", "203.0.113.7"))
        .assertNext(t -> assertThat(t.user().name()).isEqualTo("manager"))
        .verifyComplete();
    assertThat(forwarded).containsExactly("203.0.113.7");
    assertThat(asked).containsExactly("Basic bWFuYWdlcjpkZW1v");
  }
}
