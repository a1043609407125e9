package io.pulse.ui.base;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How views behave.
 *
 * @param pushInterval the least time between two pushes of one live widget to one browser: the
 *     first change goes out at once, later ones within the interval collapse into the newest
 * @param highlight how long a changed number stays highlighted
 * @param alertsRefresh how often the alerts list is re-read even without new feedback (alerts
 *     become overdue with time)
 */
@Validated
@ConfigurationProperties("pulse.ui.view")
public record ViewProperties(
    @NotNull @DefaultValue("500ms") Duration pushInterval,
    @NotNull @DefaultValue("2s") Duration highlight,
    @NotNull @DefaultValue("60s") Duration alertsRefresh) {}
