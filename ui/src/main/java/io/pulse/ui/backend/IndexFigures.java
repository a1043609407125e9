package io.pulse.ui.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The index figures of one scope and window (docs/api.md, "Index figures"): CSI, NPS, responses and
 * the parameters, as the read API and the index streams send them.
 *
 * @param lastEventAcceptedAt when the newest event counted here was accepted: with the time a
 *     number reaches the screen it gives the event-to-screen latency
 */
public record IndexFigures(
    ScopeRef scope,
    String window,
    @Nullable Instant computedAt,
    @Nullable Instant lastEventAcceptedAt,
    long responses,
    boolean lowSample,
    @Nullable Double csi,
    Nps nps,
    List<ParameterFigure> parameters,
    Map<String, Long> stageResponses,
    @Nullable Double perfectShare,
    @Nullable Double straightLinedShare) {

  public IndexFigures {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    stageResponses = stageResponses == null ? Map.of() : Map.copyOf(stageResponses);
    nps = nps == null ? new Nps(0, 0, 0, 0, null, null) : nps;
  }

  /** NPS with its split and 95 % margin of error. */
  public record Nps(
      long answers,
      long promoters,
      long passives,
      long detractors,
      @Nullable Double score,
      @Nullable Double marginOfError) {}

  /** One parameter: answers, mean and standard deviation of the 0–100 scores. */
  public record ParameterFigure(
      String parameter, String label, long answers, @Nullable Double mean, @Nullable Double sd) {}
}
