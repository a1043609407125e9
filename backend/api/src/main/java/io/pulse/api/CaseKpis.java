package io.pulse.api;

import org.jspecify.annotations.Nullable;

/**
 * How a dealer's or a brand's alerts were handled over a period (alerts created in it).
 *
 * @param cases alerts created in the period
 * @param due cases whose first-contact SLA has run out or that were contacted: the ones that count
 *     for {@code contactedWithinSlaShare}
 * @param contactedWithinSlaShare of {@code due}, the share first contacted (or acknowledged, or
 *     resolved) within the SLA; null when none is due
 * @param resolvedWithinSlaShare of the cases whose resolution SLA has run out or that are resolved,
 *     the share resolved within it
 * @param medianHoursToFirstContact over the contacted cases
 * @param medianHoursToResolution over the resolved cases
 * @param recoveredShare of the resolved cases with an outcome, the share {@code RECOVERED}
 * @param celebrations promoters (RECOMMEND 9–10) who wrote a comment in the period, apart from the
 *     cases
 * @param thanked of those, the ones someone thanked
 */
public record CaseKpis(
    String scope,
    int days,
    long cases,
    long due,
    @Nullable Double contactedWithinSlaShare,
    @Nullable Double resolvedWithinSlaShare,
    @Nullable Double medianHoursToFirstContact,
    @Nullable Double medianHoursToResolution,
    long resolved,
    long recovered,
    @Nullable Double recoveredShare,
    long celebrations,
    long thanked) {}
