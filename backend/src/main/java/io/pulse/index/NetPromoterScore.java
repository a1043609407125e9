package io.pulse.index;

import org.jspecify.annotations.Nullable;

/**
 * Net Promoter Score over the RECOMMEND answers: promoters 9–10, passives 7–8, detractors 0–6.
 *
 * @param score 100·(P − D)/n, from −100 to +100; null without answers
 * @param marginOfError half the width of the 95 % interval in NPS points (adjusted Wald, so never
 *     zero: an NPS of 100 from 2 answers is not certain); null without answers
 * @param low the 95 % interval's lower end, at least −100; null without answers
 * @param high its upper end, at most +100; null without answers
 */
public record NetPromoterScore(
    long answers,
    long promoters,
    long passives,
    long detractors,
    @Nullable Double score,
    @Nullable Double marginOfError,
    @Nullable Double low,
    @Nullable Double high) {}
