package io.pulse.security;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-user limit on reads that scan PostgreSQL (a dealer's analysis, a brand's segments,
 * integrity and key drivers): a token bucket per user in Redis, shared by every instance.
 *
 * @param burst reads a user may make at once, after a quiet spell
 * @param perMinute reads a user may make per minute, sustained
 */
@ConfigurationProperties("pulse.security.expensive-reads")
@Validated
public record ExpensiveReadProperties(
    @DefaultValue("60") @Min(1) int burst, @DefaultValue("120") @Min(1) int perMinute) {}
