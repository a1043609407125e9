package io.pulse.analytics;

import io.pulse.api.Analytics;
import io.pulse.api.Role;
import io.pulse.security.Access;
import io.pulse.window.WindowSpec;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whose dealers a region's ranking compares: an executive ranks within their own brand, only admins
 * rank across brands. One place, for the ranking and its export alike.
 */
@Component
class RankingScope {

  private final AnalyticsService analytics;
  private final Access access;

  RankingScope(AnalyticsService analytics, Access access) {
    this.analytics = analytics;
    this.access = access;
  }

  Mono<Analytics.DealerRanking> rank(
      String regionId, @Nullable String brandId, WindowSpec window, String sort) {
    return access
        .user()
        .flatMap(u -> {
          if (u.isAdmin()) {
            return analytics.ranking(regionId, brandId, window, sort);
          }
          if (u.role() == Role.BRAND_EXECUTIVE
              && u.brandId() != null
              && (brandId == null || brandId.equals(u.brandId()))) {
            return analytics.ranking(regionId, u.brandId(), window, sort);
          }
          return Mono.error(
              new AccessDeniedException("ranking is for executives of the brand and admins"));
        });
  }
}
