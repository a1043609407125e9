package io.pulse.analytics;

import io.pulse.api.Analytics;
import io.pulse.export.ExportFiles;
import io.pulse.export.ExportTable;
import io.pulse.export.FileDownload;
import io.pulse.network.NetworkId;
import io.pulse.security.Access;
import io.pulse.system.OneOf;
import io.pulse.window.WindowName;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tables executives send on (docs/api.md, "Exports"): a brand's region comparison and a
 * region's fair ranking, as CSV or XLSX. The same reads, scopes and numbers as the JSON answers;
 * access is decided before the first byte, so a refusal is a problem response, not a broken file.
 */
@Tag(name = "Exports", description = "Feedback and search results as CSV or XLSX files")
@RestController
@RequestMapping("/api/v1")
class AnalyticsExportController {

  private final AnalyticsService analytics;
  private final RankingScope ranking;
  private final Access access;
  private final ExportFiles files;

  AnalyticsExportController(
      AnalyticsService analytics, RankingScope ranking, Access access, ExportFiles files) {
    this.analytics = analytics;
    this.ranking = ranking;
    this.access = access;
    this.files = files;
  }

  /** {@code GET /brands/{id}/regions} as a file: one row per region. */
  @GetMapping("/brands/{id}/regions/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> regions(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format) {
    var w = analytics.window(window);
    return access
        .requireBrand(id)
        .then(Mono.defer(() -> analytics.regions(id, w)))
        .map(c -> files.file(regionTable(c), format));
  }

  /** {@code GET /regions/{id}/dealers} as a file: one row per dealer, in ranking order. */
  @GetMapping("/regions/{id}/dealers/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> dealers(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String brandId,
      @RequestParam(required = false) @WindowName @Nullable String window,
      @RequestParam(defaultValue = "shrunkCsi") @OneOf({"shrunkCsi", "csi", "responses"})
          String sort,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format) {
    return ranking
        .rank(id, brandId, analytics.window(window), sort)
        .map(r -> files.file(rankingTable(r), format));
  }

  static ExportTable regionTable(Analytics.RegionComparison c) {
    return new ExportTable(
        "regions-" + c.brand().id() + "-" + c.window(),
        List.of(
            "regionId",
            "region",
            "dealers",
            "responses",
            "lowSample",
            "csi",
            "csiLow",
            "csiHigh",
            "nps",
            "npsMargin"),
        Flux.fromIterable(c.regions())
            .map(r ->
                cells(
                    r.region().id(),
                    r.region().label(),
                    r.dealers(),
                    r.responses(),
                    r.lowSample() ? "yes" : "no",
                    r.csi(),
                    r.csiLow(),
                    r.csiHigh(),
                    r.nps(),
                    r.npsMargin())));
  }

  static ExportTable rankingTable(Analytics.DealerRanking r) {
    return new ExportTable(
        "dealers-"
            + r.region().id()
            + (r.brandId() == null ? "" : "-" + r.brandId())
            + "-"
            + r.window(),
        List.of(
            "rank",
            "dealerId",
            "dealer",
            "brandId",
            "shrunkCsi",
            "csi",
            "weight",
            "responses",
            "lowSample",
            "nps"),
        Flux.fromIterable(r.dealers())
            .map(d ->
                cells(
                    d.rank(),
                    d.dealer().id(),
                    d.dealer().label(),
                    d.brandId(),
                    d.shrunkCsi(),
                    d.csi(),
                    d.weight(),
                    d.responses(),
                    d.lowSample() ? "yes" : "no",
                    d.nps())));
  }

  private static List<@Nullable Object> cells(@Nullable Object... values) {
    return Arrays.asList(values);
  }
}
