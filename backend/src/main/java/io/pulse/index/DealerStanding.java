package io.pulse.index;

import org.jspecify.annotations.Nullable;

/**
 * One dealer's figures in a ranking.
 *
 * @param csi the raw CSI of the window, null without answers
 * @param responses feedback events in the window (n)
 * @param answerVariance the variance of one event's CSI, σ² = n·se(CSI)² (so that σ²/n is the CSI's
 *     own sampling variance, correlation of an event's answers included): the noise that shrinkage
 *     weighs against; null if unknown
 */
public record DealerStanding(
    String dealerId, @Nullable Double csi, long responses, @Nullable Double answerVariance) {

  /** A dealer's standing from its tally of the window. */
  public static DealerStanding of(String dealerId, Tally tally, IndexSettings settings) {
    CsiInterval ci = CsiInterval.of(tally, settings);
    Double variance =
        ci.standardError() == null
            ? null
            : ci.standardError() * ci.standardError() * tally.responses();
    return new DealerStanding(dealerId, ci.csi(), tally.responses(), variance);
  }
}
