package io.pulse.analytics;

import io.pulse.index.BenchmarkKind;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.Role;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Analytics API for dealer managers and brand executives (docs/api.md, "Analytics"). */
@RestController
@RequestMapping("/api/v1")
class AnalyticsController {

  private final AnalyticsService analytics;
  private final VisibleDealers dealers;
  private final Access access;

  AnalyticsController(AnalyticsService analytics, VisibleDealers dealers, Access access) {
    this.analytics = analytics;
    this.dealers = dealers;
    this.access = access;
  }

  @GetMapping("/dealers/{id}/analysis")
  Mono<AnalyticsViews.DealerAnalysis> dealer(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String window,
      @RequestParam(defaultValue = "region") String benchmark,
      @RequestParam(required = false) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage) {
    var w = analytics.window(window);
    var kind = benchmark(benchmark);
    var language = language(lang, acceptLanguage);
    return dealers.require(id).then(Mono.defer(() -> analytics.dealer(id, w, kind, language)));
  }

  @GetMapping("/brands/{id}/regions")
  Mono<AnalyticsViews.RegionComparison> regions(
      @PathVariable String id, @RequestParam(required = false) @Nullable String window) {
    var w = analytics.window(window);
    return access.requireBrand(id).then(Mono.defer(() -> analytics.regions(id, w)));
  }

  @GetMapping("/regions/{id}/dealers")
  Mono<AnalyticsViews.DealerRanking> dealers(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String brandId,
      @RequestParam(required = false) @Nullable String window,
      @RequestParam(defaultValue = "shrunkCsi") String sort) {
    if (!List.of("shrunkCsi", "csi", "responses").contains(sort)) {
      throw new InvalidInputException(
          "Unknown sort.",
          List.of(new FieldViolation("sort", "must be one of shrunkCsi, csi, responses")));
    }
    var w = analytics.window(window);
    // An executive ranks within their own brand; only admins rank across brands.
    return access
        .user()
        .flatMap(u -> {
          if (u.isAdmin()) {
            return analytics.ranking(id, brandId, w, sort);
          }
          if (u.role() == Role.BRAND_EXECUTIVE
              && u.brandId() != null
              && (brandId == null || brandId.equals(u.brandId()))) {
            return analytics.ranking(id, u.brandId(), w, sort);
          }
          return Mono.error(
              new AccessDeniedException("ranking is for executives of the brand and admins"));
        });
  }

  @GetMapping("/brands/{id}/segments")
  Mono<AnalyticsViews.BrandSegments> segments(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String regionId,
      @RequestParam(required = false) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage) {
    var language = language(lang, acceptLanguage);
    return access
        .requireBrand(id)
        .then(Mono.defer(() -> analytics.segments(id, regionId, language)));
  }

  @GetMapping("/brands/{id}/integrity")
  Mono<AnalyticsViews.IntegrityReport> integrity(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String regionId,
      @RequestParam(required = false) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage) {
    var language = language(lang, acceptLanguage);
    return access
        .requireBrand(id)
        .then(Mono.defer(() -> analytics.integrity(id, regionId, language)));
  }

  @GetMapping("/brands/{id}/drivers")
  Mono<AnalyticsViews.DriverReport> drivers(
      @PathVariable String id, @RequestParam(required = false) @Nullable String regionId) {
    return access.requireBrand(id).then(Mono.defer(() -> analytics.drivers(id, regionId)));
  }

  private static BenchmarkKind benchmark(String value) {
    try {
      return BenchmarkKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "Unknown benchmark.",
          List.of(new FieldViolation("benchmark", "must be one of region, brand, network")));
    }
  }

  /** {@code lang} if given, else Russian when the browser prefers it, else English. */
  static String language(@Nullable String lang, @Nullable String acceptLanguage) {
    if (lang != null) {
      if (!lang.equals("en") && !lang.equals("ru")) {
        throw new InvalidInputException(
            "Unknown language.", List.of(new FieldViolation("lang", "must be en or ru")));
      }
      return lang;
    }
    return acceptLanguage != null && acceptLanguage.trim().toLowerCase(Locale.ROOT).startsWith("ru")
        ? "ru"
        : "en";
  }
}
