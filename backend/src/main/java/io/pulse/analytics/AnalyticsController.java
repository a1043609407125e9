package io.pulse.analytics;

import io.pulse.api.Analytics;
import io.pulse.api.BenchmarkKind;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.ExpensiveReadLimiter;
import io.pulse.system.OneOf;
import io.pulse.window.WindowName;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Analytics API for dealer managers and brand executives (docs/api.md, "Analytics"). The reads that
 * scan PostgreSQL or many dealers (a dealer's analysis and fix-first list, a brand's fix-first
 * list, segments, integrity, key drivers) take a token of the caller's {@link ExpensiveReadLimiter}
 * once access is granted; rankings and region comparisons read Redis only.
 */
@Tag(
    name = "Analytics",
    description = "Strengths and weak points, rankings, segments, integrity, key drivers")
@RestController
@RequestMapping("/api/v1")
class AnalyticsController {

  private final AnalyticsService analytics;
  private final FixFirstService fixFirst;
  private final VisibleDealers dealers;
  private final Access access;
  private final ExpensiveReadLimiter limiter;
  private final RankingScope ranking;

  AnalyticsController(
      AnalyticsService analytics,
      FixFirstService fixFirst,
      VisibleDealers dealers,
      Access access,
      ExpensiveReadLimiter limiter,
      RankingScope ranking) {
    this.analytics = analytics;
    this.fixFirst = fixFirst;
    this.dealers = dealers;
    this.access = access;
    this.limiter = limiter;
    this.ranking = ranking;
  }

  @GetMapping("/dealers/{id}/analysis")
  Mono<Analytics.DealerAnalysis> dealer(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "region")
          @OneOf(
              value = {"region", "brand", "network"},
              ignoreCase = true)
          String benchmark,
      @RequestParam(required = false) @OneOf({"en", "ru"}) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Size(max = 256)
          @Nullable String acceptLanguage) {
    var w = analytics.window(window);
    var kind = benchmark(benchmark);
    var language = language(lang, acceptLanguage);
    return dealers
        .require(id)
        .then(limiter.take())
        .then(Mono.defer(() -> analytics.dealer(id, w, kind, language)));
  }

  @GetMapping("/dealers/{id}/fix-first")
  Mono<Analytics.DealerFixFirst> dealerFixFirst(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "region")
          @OneOf(
              value = {"region", "brand", "network"},
              ignoreCase = true)
          String benchmark,
      @RequestParam(required = false) @OneOf({"en", "ru"}) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Size(max = 256)
          @Nullable String acceptLanguage) {
    var w = analytics.window(window);
    var kind = benchmark(benchmark);
    var language = language(lang, acceptLanguage);
    return dealers
        .require(id)
        .then(limiter.take())
        .then(Mono.defer(() -> fixFirst.dealer(id, w, kind, language)));
  }

  @GetMapping("/brands/{id}/fix-first")
  Mono<Analytics.BrandFixFirst> brandFixFirst(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(required = false) @OneOf({"en", "ru"}) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Size(max = 256)
          @Nullable String acceptLanguage) {
    var w = analytics.window(window);
    var language = language(lang, acceptLanguage);
    return access
        .requireBrand(id)
        .then(limiter.take())
        .then(Mono.defer(() -> fixFirst.brand(id, w, language)));
  }

  @GetMapping("/brands/{id}/regions")
  Mono<Analytics.RegionComparison> regions(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window) {
    var w = analytics.window(window);
    return access.requireBrand(id).then(Mono.defer(() -> analytics.regions(id, w)));
  }

  @GetMapping("/regions/{id}/dealers")
  Mono<Analytics.DealerRanking> dealers(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String brandId,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "shrunkCsi") @OneOf({"shrunkCsi", "csi", "responses"})
          String sort) {
    return ranking.rank(id, brandId, analytics.window(window), sort);
  }

  /**
   * Every dealer of the brand ranked fairly, a page at a time; read from this instance's in-memory
   * standings (no Redis round trip once the brand is loaded), so it takes no expensive-read token.
   */
  @GetMapping("/brands/{id}/ranking")
  Mono<Analytics.BrandRanking> brandRanking(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "shrunkCsi") @OneOf({"shrunkCsi", "csi", "responses"})
          String sort,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset,
      @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
    var w = analytics.window(window);
    return access
        .requireBrand(id)
        .then(Mono.defer(() -> analytics.brandRanking(id, w, sort, offset, limit)));
  }

  @GetMapping("/brands/{id}/segments")
  Mono<Analytics.BrandSegments> segments(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String regionId,
      @RequestParam(required = false) @OneOf({"en", "ru"}) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Size(max = 256)
          @Nullable String acceptLanguage) {
    var language = language(lang, acceptLanguage);
    return access
        .requireBrand(id)
        .then(limiter.take())
        .then(Mono.defer(() -> analytics.segments(id, regionId, language)));
  }

  @GetMapping("/brands/{id}/integrity")
  Mono<Analytics.IntegrityReport> integrity(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String regionId,
      @RequestParam(required = false) @OneOf({"en", "ru"}) @Nullable String lang,
      @RequestHeader(name = "Accept-Language", required = false) @Size(max = 256)
          @Nullable String acceptLanguage) {
    var language = language(lang, acceptLanguage);
    return access
        .requireBrand(id)
        .then(limiter.take())
        .then(Mono.defer(() -> analytics.integrity(id, regionId, language)));
  }

  @GetMapping("/brands/{id}/drivers")
  Mono<Analytics.DriverReport> drivers(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String regionId) {
    return access
        .requireBrand(id)
        .then(limiter.take())
        .then(Mono.defer(() -> analytics.drivers(id, regionId)));
  }

  /** A {@code benchmark} parameter, already held to its words by {@code @OneOf}. */
  private static BenchmarkKind benchmark(String value) {
    return BenchmarkKind.valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** {@code lang} if given (en or ru), else Russian when the browser prefers it, else English. */
  static String language(@Nullable String lang, @Nullable String acceptLanguage) {
    if (lang != null) {
      return lang;
    }
    return acceptLanguage != null && acceptLanguage.trim().toLowerCase(Locale.ROOT).startsWith("ru")
        ? "ru"
        : "en";
  }
}
