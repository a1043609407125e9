package io.pulse.history;

import io.pulse.api.History;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.ExpensiveReadLimiter;
import io.pulse.system.OneOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * History API (docs/api.md, "History"): day and week series and calendar periods per dealer, brand,
 * brand × region, region and network, from the daily roll-ups. Access is that of the same scope's
 * index; reads that sum many dealers (every scope but a dealer) take a token of the caller's {@link
 * ExpensiveReadLimiter}.
 */
@Tag(name = "History", description = "Day and week series and calendar periods from roll-ups")
@RestController
@RequestMapping("/api/v1")
class HistoryController {

  private final HistoryService history;
  private final VisibleDealers dealers;
  private final Access access;
  private final ExpensiveReadLimiter limiter;

  HistoryController(
      HistoryService history, VisibleDealers dealers, Access access, ExpensiveReadLimiter limiter) {
    this.history = history;
    this.dealers = dealers;
    this.access = access;
    this.limiter = limiter;
  }

  @GetMapping("/dealers/{id}/history")
  Mono<History.Series> dealerSeries(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "day") @OneOf({"day", "week"}) String granularity,
      @RequestParam(required = false) @Size(max = 10) @Nullable String from,
      @RequestParam(required = false) @Size(max = 10) @Nullable String to) {
    return dealers.require(id).map(history::dealer).flatMap(s -> series(s, granularity, from, to));
  }

  @GetMapping("/dealers/{id}/periods")
  Mono<History.Periods> dealerPeriods(@PathVariable @NetworkId String id) {
    return dealers.require(id).map(history::dealer).flatMap(history::periods);
  }

  @GetMapping("/brands/{id}/history")
  Mono<History.Series> brandSeries(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "day") @OneOf({"day", "week"}) String granularity,
      @RequestParam(required = false) @Size(max = 10) @Nullable String from,
      @RequestParam(required = false) @Size(max = 10) @Nullable String to) {
    return access.requireBrand(id).then(aggregate(() -> history.brand(id), granularity, from, to));
  }

  @GetMapping("/brands/{id}/periods")
  Mono<History.Periods> brandPeriods(@PathVariable @NetworkId String id) {
    return access.requireBrand(id).then(aggregatePeriods(() -> history.brand(id)));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}/history")
  Mono<History.Series> brandRegionSeries(
      @PathVariable @NetworkId String brandId,
      @PathVariable @NetworkId String regionId,
      @RequestParam(defaultValue = "day") @OneOf({"day", "week"}) String granularity,
      @RequestParam(required = false) @Size(max = 10) @Nullable String from,
      @RequestParam(required = false) @Size(max = 10) @Nullable String to) {
    return access
        .requireBrand(brandId)
        .then(aggregate(() -> history.brandRegion(brandId, regionId), granularity, from, to));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}/periods")
  Mono<History.Periods> brandRegionPeriods(
      @PathVariable @NetworkId String brandId, @PathVariable @NetworkId String regionId) {
    return access
        .requireBrand(brandId)
        .then(aggregatePeriods(() -> history.brandRegion(brandId, regionId)));
  }

  /** Across brands: admins only (a path rule, as for the region's index). */
  @GetMapping("/regions/{id}/history")
  Mono<History.Series> regionSeries(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "day") @OneOf({"day", "week"}) String granularity,
      @RequestParam(required = false) @Size(max = 10) @Nullable String from,
      @RequestParam(required = false) @Size(max = 10) @Nullable String to) {
    return aggregate(() -> history.region(id), granularity, from, to);
  }

  @GetMapping("/regions/{id}/periods")
  Mono<History.Periods> regionPeriods(@PathVariable @NetworkId String id) {
    return aggregatePeriods(() -> history.region(id));
  }

  /** Admins only (a path rule). */
  @GetMapping("/network/history")
  Mono<History.Series> networkSeries(
      @RequestParam(defaultValue = "day") @OneOf({"day", "week"}) String granularity,
      @RequestParam(required = false) @Size(max = 10) @Nullable String from,
      @RequestParam(required = false) @Size(max = 10) @Nullable String to) {
    return aggregate(history::network, granularity, from, to);
  }

  @GetMapping("/network/periods")
  Mono<History.Periods> networkPeriods() {
    return aggregatePeriods(history::network);
  }

  private Mono<History.Series> series(
      HistoryScope scope, String granularity, @Nullable String from, @Nullable String to) {
    return Mono.defer(() -> history.series(scope, history.range(scope, granularity, from, to)));
  }

  /** Checks the scope and the range before the read takes a token: a bad request costs none. */
  private Mono<History.Series> aggregate(
      Supplier<HistoryScope> scope,
      String granularity,
      @Nullable String from,
      @Nullable String to) {
    return Mono.defer(() -> {
      HistoryScope s = scope.get();
      HistoryService.Range range = history.range(s, granularity, from, to);
      return limiter.take().then(Mono.defer(() -> history.series(s, range)));
    });
  }

  private Mono<History.Periods> aggregatePeriods(Supplier<HistoryScope> scope) {
    return Mono.defer(() -> {
      HistoryScope s = scope.get();
      return limiter.take().then(Mono.defer(() -> history.periods(s)));
    });
  }
}
