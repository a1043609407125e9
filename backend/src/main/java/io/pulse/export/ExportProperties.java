package io.pulse.export;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the exports.
 *
 * @param maxRows rows one file holds at most: an export is a file for people, not a dump of the
 *     store; past it the file ends and says so in its last row
 * @param chunkRows rows read from PostgreSQL per query (keyset pages): what an export holds in
 *     memory at a time
 */
@ConfigurationProperties("pulse.export")
@Validated
public record ExportProperties(
    @DefaultValue("100000") @Positive int maxRows, @DefaultValue("500") @Positive int chunkRows) {}
