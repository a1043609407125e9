package io.pulse.analytics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the analytics.
 *
 * @param shrinkageK prior strength k of the fair ranking when it cannot be estimated from the
 *     region's dealers (weight n/(n + k): a dealer with k answers keeps half of its gap)
 * @param defaultWindow the window analytics use unless asked otherwise
 * @param standings the in-memory standings the rankings of a brand are read from
 */
@ConfigurationProperties("pulse.analytics")
@Validated
public record AnalyticsProperties(
    @DefaultValue("20") @Positive double shrinkageK,
    @DefaultValue("30d") String defaultWindow,
    @DefaultValue @Valid Standings standings) {

  /**
   * The per-instance read cache of dealer standings ({@link BrandStandings}).
   *
   * @param refreshEvery how often the dealers and regions this instance heard changed are re-read:
   *     the bound on how far a ranking lags the changes the instance has heard of
   * @param fullRefreshEvery how often every dealer of a cached brand is re-read even without a
   *     change heard: heals a change notification lost on the way (pub/sub does not replay)
   * @param idleAfter a brand not read for this long is dropped from memory
   * @param readConcurrency Redis reads in flight while loading or refreshing a brand (pipelined on
   *     one connection)
   * @param preload load every brand once when the instance starts (its first background pass), so
   *     that the first executive read after a deployment finds its brand in memory instead of
   *     waiting for 10,000 dealer reads. Off by default: a brand in memory is kept fresh by
   *     re-reading its changed dealers every {@code refreshEvery}, which with 10,000 cabinets and
   *     1,000 events/s took a third of a core of Redis and made ingest shed (docs/benchmarks.md)
   */
  public record Standings(
      @DefaultValue("1s") Duration refreshEvery,
      @DefaultValue("5m") Duration fullRefreshEvery,
      @DefaultValue("15m") Duration idleAfter,
      @DefaultValue("256") @Min(1) @Max(4096) int readConcurrency,
      @DefaultValue("false") boolean preload) {}
}
