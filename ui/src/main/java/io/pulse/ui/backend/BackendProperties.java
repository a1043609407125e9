package io.pulse.ui.backend;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the UI reaches the backend.
 *
 * @param backendUrl the backend's base URL (env {@code PULSE_BACKEND_URL}), without {@code /api/v1}
 *     <p>The UI has no credential of its own at the backend: every call carries the signed-in
 *     person's token ({@link BackendCredential}).
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
 * @param credentialRefresh how often the tokens of people watching a live stream are looked at and
 *     renewed when due, so that a token is fresh when its stream must be reopened; well below the
 *     tokens' lifetime (10 min for the demo's session tokens)
 */
@Validated
@ConfigurationProperties("pulse.ui")
public record BackendProperties(
    @NotNull @DefaultValue("http://127.0.0.1:8080") URI backendUrl,
    @NotNull @DefaultValue("3s") Duration connectTimeout,
    @NotNull @DefaultValue("10s") Duration requestTimeout,
    @NotNull @DefaultValue("40s") Duration streamIdleTimeout,
    @NotNull @DefaultValue("2s") Duration reconnectDelay,
    @NotNull @DefaultValue("3s") Duration streamLinger,
    @Min(1) @DefaultValue("20000") int maxStreams,
    @Min(1) @DefaultValue("200") int maxRestConnections,
    @NotNull @DefaultValue("30s") Duration dealerAnalysisRefresh,
    @NotNull @DefaultValue("15s") Duration analyticsRefresh,
    @NotNull @DefaultValue("1m") Duration credentialRefresh) {}
