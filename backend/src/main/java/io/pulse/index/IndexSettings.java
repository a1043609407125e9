package io.pulse.index;

import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the index formulas can be tuned with.
 *
 * @param weights CSI weight of each parameter; a parameter missing here weighs 0
 * @param lowSampleResponses below this many responses a figure is flagged as low sample
 */
public record IndexSettings(Map<Parameter, Double> weights, int lowSampleResponses) {

  public IndexSettings {
    weights = Map.copyOf(weights);
    if (weights.values().stream().anyMatch(w -> w < 0 || w.isNaN() || w.isInfinite())) {
      throw new IllegalArgumentException("CSI weights must be finite and non-negative");
    }
    if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("at least one CSI weight must be positive");
    }
    if (lowSampleResponses < 0) {
      throw new IllegalArgumentException("lowSampleResponses must not be negative");
    }
  }

  /** Equal weights and the 30-response low-sample threshold of docs/domain.md. */
  public static IndexSettings defaults() {
    Map<Parameter, Double> equal = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      equal.put(p, 1.0);
    }
    return new IndexSettings(equal, 30);
  }

  public double weight(Parameter p) {
    return weights.getOrDefault(p, 0.0);
  }
}
