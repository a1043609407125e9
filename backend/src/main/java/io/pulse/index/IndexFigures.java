package io.pulse.index;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every headline number of one scope (dealer, region, brand, network) in one window.
 *
 * @param responses feedback events in the window
 * @param csi customer service index 0–100; null when no parameter has an answer
 * @param csiInterval the CSI with its standard error, for the 95 % interval
 * @param lowSample fewer responses than the configured threshold: show, flag, do not rank
 * @param perfectShare share of answers with every rated parameter at the top of its scale
 * @param straightLinedShare share of answers with three or more 1–5 ratings all equal
 */
public record IndexFigures(
    long responses,
    @Nullable Double csi,
    CsiInterval csiInterval,
    boolean lowSample,
    List<ParameterScore> parameters,
    NetPromoterScore nps,
    Map<JourneyStage, Long> stageResponses,
    @Nullable Double perfectShare,
    @Nullable Double straightLinedShare) {

  public IndexFigures {
    parameters = List.copyOf(parameters);
    // EnumMap keeps the journey order in every rendering.
    EnumMap<JourneyStage, Long> ordered = new EnumMap<>(JourneyStage.class);
    ordered.putAll(stageResponses);
    stageResponses = Collections.unmodifiableMap(ordered);
  }

  public ParameterScore parameter(Parameter p) {
    return parameters.stream()
        .filter(s -> s.parameter() == p)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no score for " + p));
  }
}
