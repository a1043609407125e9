package io.pulse.figures;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.Parameter;
import io.pulse.api.StrengthVerdict;
import io.pulse.index.ParameterComparison;
import io.pulse.index.StrengthAnalysis;
import io.pulse.index.Tally;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The strength and weak-point labels last shown per dealer, window and benchmark: the one piece of
 * state the labels' hysteresis needs ({@link StrengthAnalysis}: a label held is kept until its
 * difference clearly goes). Only labelled parameters are kept, in memory of this instance: at most
 * one small map per dealer, window and benchmark kind that has a label. After a restart, or on
 * another instance, a label in the band between the two thresholds may read neutral until its
 * difference clearly crosses again — the conservative side.
 */
@Component
public class HeldLabels {

  private record Key(String dealerId, String window, BenchmarkKind against) {}

  private final Map<Key, Map<Parameter, StrengthVerdict>> held = new ConcurrentHashMap<>();

  /** The dealer's comparison with the labels it held kept where they still hold; remembers them. */
  public List<ParameterComparison> compare(
      String dealerId, String window, Tally dealer, Tally benchmark, BenchmarkKind against) {
    Key key = new Key(dealerId, window, against);
    List<ParameterComparison> rows =
        StrengthAnalysis.compare(dealer, benchmark, against, held.getOrDefault(key, Map.of()));
    Map<Parameter, StrengthVerdict> labels = new EnumMap<>(Parameter.class);
    for (ParameterComparison r : rows) {
      if (r.verdict() != StrengthVerdict.NEUTRAL) {
        labels.put(r.parameter(), r.verdict());
      }
    }
    if (labels.isEmpty()) {
      held.remove(key);
    } else {
      held.put(key, Map.copyOf(labels));
    }
    return rows;
  }
}
