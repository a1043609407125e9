package io.pulse.alert;

import io.pulse.index.EarlyWarningSettings;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the early warning: how often and how much the loop reads, and the tests' parameters
 * (their meaning and run lengths: docs/index-methodology.md, "Early warning"; the defaults are
 * {@link EarlyWarningSettings#defaults()}, which a test holds them to).
 *
 * @param interval how often one instance reads every dealer's new answers
 * @param dealersPerPass most dealers advanced in one pass (those with the fewest new answers first,
 *     so a dealer loading its history does not hold up live warnings)
 * @param dealersPerTransaction dealers advanced together in one transaction
 * @param answersPerDealer most answers of one dealer read in one transaction
 * @param answersPerPass a pass takes no further group of dealers once it has read this many answers
 *     (a backlog is worked off over several passes)
 * @param alertHorizon an answer that occurred longer ago than this still moves the tests, but a
 *     warning it raises is not an alert: history (a bulk load, a long outage) is not news
 */
@ConfigurationProperties("pulse.warnings")
@Validated
public record WarningProperties(
    @DefaultValue("10s") Duration interval,
    @DefaultValue("5000") @Min(1) int dealersPerPass,
    @DefaultValue("200") @Min(1) int dealersPerTransaction,
    @DefaultValue("500") @Min(1) int answersPerDealer,
    @DefaultValue("100000") @Min(1) int answersPerPass,
    @DefaultValue("24h") Duration alertHorizon,
    @DefaultValue("30") @Min(2) int warmup,
    @DefaultValue("200") @Min(2) int memory,
    @DefaultValue("10") double sdFloor,
    @DefaultValue("3") double zLimit,
    @DefaultValue("0.5") double k,
    @DefaultValue("5") double csiH,
    @DefaultValue("7") double parameterH,
    @DefaultValue("3") double detractorOdds,
    @DefaultValue("0.05") double detractorFloor,
    @DefaultValue("4") double detractorH) {

  /** The tests' parameters. */
  public EarlyWarningSettings settings() {
    return new EarlyWarningSettings(
        warmup,
        memory,
        sdFloor,
        zLimit,
        k,
        csiH,
        parameterH,
        detractorOdds,
        detractorFloor,
        detractorH);
  }
}
