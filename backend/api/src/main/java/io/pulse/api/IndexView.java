package io.pulse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read API's answer for one scope and window (docs/api.md). Scores are rounded to two decimals;
 * counts are exact.
 *
 * @param csiLow the lower end of the CSI's 95 % interval; null with too few answers to tell
 * @param csiHigh its upper end
 * @param lastEventAcceptedAt when the newest event counted here was accepted by Pulse
 * @param computedAt when these figures were read
 */
public record IndexView(
    ScopeRef scope,
    String window,
    Instant computedAt,
    @Nullable Instant lastEventAcceptedAt,
    long responses,
    boolean lowSample,
    @Nullable Double csi,
    @Nullable Double csiLow,
    @Nullable Double csiHigh,
    Nps nps,
    List<ParameterView> parameters,
    Map<JourneyStage, Long> stageResponses,
    @Nullable Double perfectShare,
    @Nullable Double straightLinedShare) {

  /** The same figures without the read time: equal when a viewer would see no difference. */
  public IndexView figures() {
    return new IndexView(
        scope,
        window,
        Instant.EPOCH,
        lastEventAcceptedAt,
        responses,
        lowSample,
        csi,
        csiLow,
        csiHigh,
        nps,
        parameters,
        stageResponses,
        perfectShare,
        straightLinedShare);
  }

  /**
   * NPS with its split and 95 % interval (adjusted Wald).
   *
   * @param marginOfError half the interval's width
   * @param low the interval's lower end (at least −100)
   * @param high its upper end (at most +100)
   */
  public record Nps(
      long answers,
      long promoters,
      long passives,
      long detractors,
      @Nullable Double score,
      @Nullable Double marginOfError,
      @Nullable Double low,
      @Nullable Double high) {}

  /** One parameter: answers (n), mean and standard deviation of the 0–100 scores. */
  public record ParameterView(
      String parameter, String label, long answers, @Nullable Double mean, @Nullable Double sd) {}

  /** Two decimals, as the API shows scores; compute from exact values and round only here. */
  public static @Nullable Double round(@Nullable Double d) {
    return d == null ? null : Math.round(d * 100) / 100.0;
  }

  /** Four decimals, as the API shows shares. */
  public static @Nullable Double round4(@Nullable Double d) {
    return d == null ? null : Math.round(d * 10_000) / 10_000.0;
  }
}
