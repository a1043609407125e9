package io.pulse.ui.security;

import io.pulse.api.SessionToken;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A person's session token from the backend (demo mode), kept in their HTTP session: sent as is
 * while more than half of its life is left, renewed with itself ({@code POST /auth/token}) after
 * that, and gone for good once expired (the person signs in again). Renewals are shared: however
 * many calls ask at once, one request renews.
 */
final class SessionTokenCredential implements BackendCredential {

  private final BackendClient backend;
  private final Clock clock;
  private final String accessKey;
  private volatile Held held;
  private @Nullable Mono<String> renewing;

  SessionTokenCredential(BackendClient backend, Clock clock, String accessKey, SessionToken token) {
    this.backend = backend;
    this.clock = clock;
    this.accessKey = accessKey;
    this.held = Held.received(token, clock.instant());
  }

  @Override
  public String person() {
    return held.token().user().name();
  }

  @Override
  public String accessKey() {
    return accessKey;
  }

  @Override
  public Mono<String> authorization() {
    Held h = held;
    Instant now = clock.instant();
    if (!now.isBefore(h.token().expiresAt())) {
      return Mono.error(new CredentialExpiredException(person() + "'s session token expired"));
    }
    if (now.isBefore(h.renewAt())) {
      return Mono.just(h.header());
    }
    return renewal(h);
  }

  /** When the current token expires. */
  Instant expiresAt() {
    return held.token().expiresAt();
  }

  private synchronized Mono<String> renewal(Held due) {
    Mono<String> inFlight = renewing;
    if (inFlight != null) {
      return inFlight;
    }
    Mono<String> renewal =
        backend
            .sessionToken(due.header(), null)
            .map(next -> {
              Held h = Held.received(next, clock.instant());
              held = h;
              return h.header();
            })
            // A renewal that failed leaves the old token, still valid, for the next try.
            .onErrorResume(e -> Mono.just(due.header()))
            .doFinally(s -> clearRenewal())
            .cache();
    renewing = renewal;
    return renewal;
  }

  private synchronized void clearRenewal() {
    renewing = null;
  }

  /** A token and when to renew it: half way through its life as seen here. */
  private record Held(SessionToken token, Instant renewAt) {
    static Held received(SessionToken token, Instant at) {
      Duration life = Duration.between(at, token.expiresAt());
      return new Held(token, at.plus(life.isNegative() ? Duration.ZERO : life.dividedBy(2)));
    }

    String header() {
      return "Bearer " + token.token();
    }
  }
}
