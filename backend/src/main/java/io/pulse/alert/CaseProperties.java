package io.pulse.alert;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How alerts are handled as cases.
 *
 * @param firstContactSla an alert not contacted, acknowledged or resolved this long after it came
 *     is overdue: shown so, escalated to the brand's executives, and counted against the SLA
 * @param resolutionSla an alert should be resolved within this long
 * @param rootCauses the codes a resolution may name as its cause
 */
@ConfigurationProperties("pulse.cases")
@Validated
public record CaseProperties(
    @NotNull @DefaultValue("24h") Duration firstContactSla,
    @NotNull @DefaultValue("7d") Duration resolutionSla,
    @NotEmpty
        @DefaultValue({
          "WAITING_TIME",
          "STAFF_ATTITUDE",
          "CAR_QUALITY",
          "PRICE",
          "PAPERWORK",
          "OTHER"
        })
        List<String> rootCauses) {

  public CaseProperties {
    rootCauses = List.copyOf(rootCauses);
  }
}
