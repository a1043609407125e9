package io.pulse.window;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sliding windows and the Redis state behind them.
 *
 * @param lengths the trailing windows (1 h, 24 h, 7 d, 30 d by default)
 * @param keyPrefix first part of every Redis key, so deployments and test runs don't collide
 * @param tick how often the ticker slides windows that have work due
 * @param scheduleShards how many Redis keys the ticker's schedule is spread over
 * @param claimBatch how many due scopes one ticker claims from a shard at a time
 * @param claimLease how long a claimed scope stays with its ticker before others may take it
 * @param maxStepsPerAdvance bound of bucket operations in one script call (keeps Redis responsive)
 * @param reconcileInterval how often PostgreSQL and Redis are compared to catch up missed events
 * @param readyCheckInterval how often an instance checks that Redis still holds the aggregates (a
 *     marker key) and starts a full rebuild from PostgreSQL if it does not (Redis restarted empty
 *     or was flushed); reads never rebuild, so this bounds how long numbers read empty
 * @param rebuildConcurrency scopes rebuilt from PostgreSQL in parallel
 * @param background whether the ticker and reconciler run on their own (tests drive them)
 */
@ConfigurationProperties("pulse.windows")
@Validated
public record WindowProperties(
    @DefaultValue({"1h", "24h", "7d", "30d"}) @NotEmpty List<Duration> lengths,
    @DefaultValue("pulse") @NotBlank String keyPrefix,
    @DefaultValue("1s") Duration tick,
    @DefaultValue("16") @Min(1) int scheduleShards,
    @DefaultValue("500") @Min(1) int claimBatch,
    @DefaultValue("30s") Duration claimLease,
    @DefaultValue("500") @Min(1) int maxStepsPerAdvance,
    @DefaultValue("60s") Duration reconcileInterval,
    @DefaultValue("5s") Duration readyCheckInterval,
    @DefaultValue("8") @Min(1) int rebuildConcurrency,
    @DefaultValue("true") boolean background) {}
