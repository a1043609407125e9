package io.pulse.history;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the history reads.
 *
 * @param reportingZone the calendar of scopes wider than a dealer (region, brand, network): their
 *     "today", and so where this month or this quarter begins. A dealer's history always follows
 *     its own time zone, and every day row is a dealer's local day.
 */
@ConfigurationProperties("pulse.history")
@Validated
record HistoryProperties(@DefaultValue("Europe/Moscow") ZoneId reportingZone) {}
