package io.pulse.analytics;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the analytics.
 *
 * @param shrinkageK prior strength k of the fair ranking when it cannot be estimated from the
 *     region's dealers (weight n/(n + k): a dealer with k answers keeps half of its gap)
 * @param defaultWindow the window analytics use unless asked otherwise
 */
@ConfigurationProperties("pulse.analytics")
@Validated
public record AnalyticsProperties(
    @DefaultValue("20") @Positive double shrinkageK, @DefaultValue("30d") String defaultWindow) {}
