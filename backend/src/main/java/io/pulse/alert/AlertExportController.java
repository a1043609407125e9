package io.pulse.alert;

import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.pulse.export.ExportFiles;
import io.pulse.export.ExportTable;
import io.pulse.export.FileDownload;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.system.NotFoundException;
import io.pulse.system.OneOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * A brand's alerts overview as a file: per dealer with unresolved alerts, how many are open,
 * acknowledged and overdue, most overdue first, with the dealer's name and region.
 */
@Tag(name = "Exports", description = "Feedback and search results as CSV or XLSX files")
@RestController
@RequestMapping("/api/v1")
class AlertExportController {

  private final AlertRepository alerts;
  private final DealerDirectory directory;
  private final Access access;
  private final ExportFiles files;
  private final Clock clock;
  private final CaseProperties caseSettings;
  private final CaseRepository cases;
  private final VisibleDealers dealers;

  AlertExportController(
      AlertRepository alerts,
      DealerDirectory directory,
      Access access,
      ExportFiles files,
      Clock clock,
      CaseProperties caseSettings,
      CaseRepository cases,
      VisibleDealers dealers) {
    this.alerts = alerts;
    this.directory = directory;
    this.access = access;
    this.files = files;
    this.clock = clock;
    this.caseSettings = caseSettings;
    this.cases = cases;
    this.dealers = dealers;
  }

  /** {@code GET /brands/{id}/alerts} as a file. */
  @GetMapping("/brands/{id}/alerts/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> forBrand(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String regionId,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format) {
    directory.brand(id).orElseThrow(() -> new NotFoundException("No brand with id " + id));
    return access
        .requireBrand(id)
        .then(
            alerts
                .countsForBrand(id, regionId, clock.instant().minus(caseSettings.firstContactSla()))
                .collectList())
        .flatMap(counts ->
            directory
                .resolve(counts.stream().map(AlertRepository.DealerCounts::dealerId).toList())
                .map(named -> files.file(table(id, counts, named), format)));
  }

  /** A dealer's cases over the last {@code days} as a file: every step's outcome in one row. */
  @GetMapping("/dealers/{id}/cases/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> dealerCases(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "90") @Min(1) @Max(400) int days,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format) {
    return dealers
        .require(id)
        .then(access.seesPersonalData())
        .map(admin ->
            files.file(
                new ExportTable(
                    "cases-" + id,
                    CaseRepository.EXPORT_HEADER,
                    cases.exportRows(id, clock.instant().minus(Duration.ofDays(days)), admin)),
                format));
  }

  private ExportTable table(
      String brandId, List<AlertRepository.DealerCounts> counts, Map<String, Dealer> dealers) {
    return new ExportTable(
        "alerts-" + brandId,
        List.of(
            "dealerId",
            "dealer",
            "regionId",
            "region",
            "open",
            "acknowledged",
            "overdue",
            "warnings"),
        Flux.fromIterable(counts)
            .map(c -> {
              Dealer d = dealers.get(c.dealerId());
              String regionId = d == null ? null : d.regionId();
              String region =
                  regionId == null
                      ? null
                      : directory.region(regionId).map(Region::name).orElse(regionId);
              return Arrays.<@Nullable Object>asList(
                  c.dealerId(),
                  d == null ? null : d.name(),
                  regionId,
                  region,
                  c.open(),
                  c.acknowledged(),
                  c.overdue(),
                  c.warnings());
            }));
  }
}
