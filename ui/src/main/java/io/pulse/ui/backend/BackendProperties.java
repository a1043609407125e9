package io.pulse.ui.backend;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the UI reaches the backend.
 *
 * @param backendUrl the backend's base URL (env {@code PULSE_BACKEND_URL}), without {@code /api/v1}
 * @param backendUsername with {@code backendPassword}: HTTP Basic credentials the UI sends with
 *     every request when the backend asks for them (env {@code PULSE_BACKEND_USER}); none by
 *     default
 * @param backendPassword the password of {@code backendUsername} (env {@code
 *     PULSE_BACKEND_PASSWORD})
 * @param authorization a whole {@code Authorization} header value (e.g. a bearer token) instead of
 *     Basic credentials
 * @param backendClientRegistration for a backend in OIDC mode: the Spring Security client
 *     registration whose client-credentials token the UI sends (instead of the above)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long a REST call may take
 * @param streamIdleTimeout a stream with no event for this long is taken for dead and reopened; the
 *     backend sends a heartbeat every 15 s
 * @param reconnectDelay pause between attempts to reopen a dropped stream
 * @param streamLinger how long an upstream stays open after its last viewer leaves, so that a
 *     reload or a quick switch back does not reconnect
 * @param maxStreams the most SSE connections to the backend (one per watched scope and window);
 *     Reactor Netty's default pool would stop at 500
 * @param maxRestConnections the most pooled connections for REST calls
 * @param dealerAnalysisRefresh how often a dealer's analysis (trend, CSI per stage) and its
 *     fix-first list are re-read while its cabinet is open; the live figures and verdicts come on
 *     the stream
 * @param analyticsRefresh the least time between two re-reads of a brand's or region's analytics
 *     (PostgreSQL queries on the backend) while its figures change
 */
@Validated
@ConfigurationProperties("pulse.ui")
public record BackendProperties(
    @NotNull @DefaultValue("http://127.0.0.1:8080") URI backendUrl,
    @Nullable String backendUsername,
    @Nullable String backendPassword,
    @Nullable String authorization,
    @Nullable String backendClientRegistration,
    @NotNull @DefaultValue("3s") Duration connectTimeout,
    @NotNull @DefaultValue("10s") Duration requestTimeout,
    @NotNull @DefaultValue("40s") Duration streamIdleTimeout,
    @NotNull @DefaultValue("2s") Duration reconnectDelay,
    @NotNull @DefaultValue("3s") Duration streamLinger,
    @Min(1) @DefaultValue("20000") int maxStreams,
    @Min(1) @DefaultValue("200") int maxRestConnections,
    @NotNull @DefaultValue("30s") Duration dealerAnalysisRefresh,
    @NotNull @DefaultValue("15s") Duration analyticsRefresh) {

  /** The {@code Authorization} header to send, if any. */
  public @Nullable String authorizationHeader() {
    if (authorization != null && !authorization.isBlank()) {
      return authorization;
    }
    if (backendUsername != null && !backendUsername.isBlank()) {
      String pair = backendUsername + ":" + (backendPassword == null ? "" : backendPassword);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }
}
