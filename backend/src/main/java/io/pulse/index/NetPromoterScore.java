package io.pulse.index;

import org.jspecify.annotations.Nullable;

/**
 * Net Promoter Score over the RECOMMEND answers: promoters 9–10, passives 7–8, detractors 0–6.
 *
 * @param score 100·(P − D)/n, from −100 to +100; null without answers
 * @param marginOfError 95 % margin of error in NPS points; null without answers
 */
public record NetPromoterScore(
    long answers,
    long promoters,
    long passives,
    long detractors,
    @Nullable Double score,
    @Nullable Double marginOfError) {}
