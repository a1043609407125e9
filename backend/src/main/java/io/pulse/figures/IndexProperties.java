package io.pulse.figures;

import io.pulse.api.Parameter;
import io.pulse.index.IndexSettings;
import jakarta.validation.constraints.Min;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the index formulas.
 *
 * @param weights CSI weight per parameter (missing parameters weigh 1, the domain's default)
 * @param lowSampleResponses fewer responses than this flag a figure as low sample
 */
@ConfigurationProperties("pulse.index")
@Validated
public record IndexProperties(
    Map<Parameter, Double> weights, @DefaultValue("30") @Min(0) int lowSampleResponses) {

  public IndexProperties {
    weights = weights == null ? Map.of() : Map.copyOf(weights);
  }

  public IndexSettings settings() {
    Map<Parameter, Double> w = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      w.put(p, weights.getOrDefault(p, 1.0));
    }
    return new IndexSettings(w, lowSampleResponses);
  }
}
