package io.pulse.stream;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live streams.
 *
 * @param maxUpdatesPerSecond at most this many updates per stream per second (conflation)
 * @param heartbeat a stream with nothing written for this long gets a heartbeat comment, so proxies
 *     do not close it as idle
 * @param retry how long clients wait before reconnecting (the SSE {@code retry:} field)
 * @param slowClientTimeout a client that accepts nothing for this long while an update waits is
 *     disconnected
 * @param idleUpstreamGrace how long a shared upstream outlives its last subscriber (so a page
 *     reload reuses it)
 * @param relayBatch how long changes are gathered before one pub/sub message carries them all
 * @param feedBacklog feed items sent on connect, and at most replayed after a reconnect
 * @param relayHeartbeat how often each instance sends a heartbeat through its relays and checks the
 *     last one came back
 * @param relayStaleAfter how long without a heartbeat back before the instance reports its live
 *     streams paused (readiness DOWN, {@code event: status} to every stream) and resubscribes
 * @param maxOpensPerSecond new streams this instance opens per second at most; more are answered
 *     503 with Retry-After, so a reconnect storm after a restart is spread out instead of landing
 *     all at once
 * @param benchmarkRefresh the least time between two re-reads of a region's figures for its
 *     dealers' verdicts while the region changes: a region is a sum of up to one cell per brand, so
 *     re-reading it for every dealer update would be most of Redis's work under ingest, and a
 *     benchmark of a hundred dealers hardly moves within seconds
 */
@ConfigurationProperties("pulse.streams")
@Validated
public record StreamProperties(
    @DefaultValue("4") @Min(1) int maxUpdatesPerSecond,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("3s") Duration retry,
    @DefaultValue("30s") Duration slowClientTimeout,
    @DefaultValue("5s") Duration idleUpstreamGrace,
    @DefaultValue("20ms") Duration relayBatch,
    @DefaultValue("50") @Min(1) int feedBacklog,
    @DefaultValue("2s") Duration benchmarkRefresh,
    @DefaultValue("2s") Duration relayHeartbeat,
    @DefaultValue("10s") Duration relayStaleAfter,
    @DefaultValue("2000") @Min(1) int maxOpensPerSecond) {

  public Duration minInterval() {
    return Duration.ofNanos(1_000_000_000L / maxUpdatesPerSecond);
  }
}
