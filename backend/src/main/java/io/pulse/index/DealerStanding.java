package io.pulse.index;

import org.jspecify.annotations.Nullable;

/**
 * One dealer's figures in a ranking.
 *
 * @param csi the raw CSI of the window, null without answers
 * @param responses feedback events in the window (n)
 * @param answerVariance typical variance of one answer's normalised score (mean of sd_p²), the
 *     noise that shrinkage weighs against; null if unknown
 */
public record DealerStanding(
    String dealerId, @Nullable Double csi, long responses, @Nullable Double answerVariance) {}
