package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.pulse.security.AuditLog;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reference data API: idempotent upserts of brands, regions and dealers, and a bulk load. */
@Tag(
    name = "Network",
    description = "Brands, regions and dealers: the reference data, upserted by id")
@RestController
@RequestMapping("/api/v1")
class NetworkController {

  /** Body of a brand or region upsert; the id comes from the path. */
  record NamedBody(@Nullable String id, @Nullable String name) {}

  /** Body of a dealer upsert; the id comes from the path. */
  record DealerBody(
      @Nullable String id,
      @Nullable String name,
      @Nullable String brandId,
      @Nullable String regionId,
      @Nullable String city,
      @Nullable String timeZone) {}

  private final NetworkService service;
  private final NetworkRepository repository;
  private final VisibleDealers visible;
  private final NetworkWriteGuard guard;
  private final AuditLog audit;

  NetworkController(
      NetworkService service,
      NetworkRepository repository,
      VisibleDealers visible,
      NetworkWriteGuard guard,
      AuditLog audit) {
    this.service = service;
    this.repository = repository;
    this.visible = visible;
    this.guard = guard;
    this.audit = audit;
  }

  @PutMapping("/brands/{id}")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "200", description = "Updated or unchanged")
  Mono<ResponseEntity<Brand>> putBrand(
      @PathVariable @NetworkId String id, @RequestBody NamedBody body) {
    checkPathId(id, body.id());
    Brand brand = new Brand(id, body.name());
    return guard
        .check(List.of(brand), List.of(), List.of())
        .then(Mono.defer(() -> service.upsertBrand(brand)))
        .flatMap(o -> audited("BRAND_UPSERT", o, id + " " + o))
        .map(o -> ResponseEntity.status(status(o)).body(brand));
  }

  @PutMapping("/regions/{id}")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "200", description = "Updated or unchanged")
  Mono<ResponseEntity<Region>> putRegion(
      @PathVariable @NetworkId String id, @RequestBody NamedBody body) {
    checkPathId(id, body.id());
    Region region = new Region(id, body.name());
    return guard
        .check(List.of(), List.of(region), List.of())
        .then(Mono.defer(() -> service.upsertRegion(region)))
        .flatMap(o -> audited("REGION_UPSERT", o, id + " " + o))
        .map(o -> ResponseEntity.status(status(o)).body(region));
  }

  @PutMapping("/dealers/{id}")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "200", description = "Updated or unchanged")
  @ApiResponse(responseCode = "422", ref = "#/components/responses/UnknownReference")
  Mono<ResponseEntity<Dealer>> putDealer(
      @PathVariable @NetworkId String id, @RequestBody DealerBody body) {
    checkPathId(id, body.id());
    Dealer dealer =
        new Dealer(id, body.name(), body.brandId(), body.regionId(), body.city(), body.timeZone());
    return guard
        .check(List.of(), List.of(), List.of(dealer))
        .then(Mono.defer(() -> service.upsertDealer(dealer)))
        .flatMap(o -> audited("DEALER_UPSERT", o, id + " " + o))
        .map(o -> ResponseEntity.status(status(o)).body(dealer));
  }

  @PostMapping("/network/import")
  @ApiResponse(responseCode = "200", description = "Stored: created, updated, unchanged per kind")
  @ApiResponse(responseCode = "422", ref = "#/components/responses/UnknownReference")
  Mono<NetworkService.ImportSummary> importNetwork(@RequestBody NetworkImport load) {
    return guard
        .check(load.brandList(), load.regionList(), load.dealerList())
        .then(Mono.defer(() -> service.load(load)))
        .flatMap(summary ->
            audit.recordCaller("NETWORK_IMPORT", summary.toString()).thenReturn(summary));
  }

  /** Writes the upsert to the audit log, unless it changed nothing. */
  private Mono<UpsertOutcome> audited(String action, UpsertOutcome outcome, String detail) {
    return outcome == UpsertOutcome.UNCHANGED
        ? Mono.just(outcome)
        : audit.recordCaller(action, detail).thenReturn(outcome);
  }

  @GetMapping("/brands")
  Flux<Brand> brands() {
    return repository.brands();
  }

  @GetMapping("/regions")
  Flux<Region> regions() {
    return repository.regions();
  }

  @GetMapping("/dealers")
  Flux<Dealer> dealers(
      @RequestParam(required = false) @NetworkId @Nullable String brandId,
      @RequestParam(required = false) @NetworkId @Nullable String regionId) {
    return visible
        .filter(repository.dealers())
        .filter(d -> brandId == null || d.brandId().equals(brandId))
        .filter(d -> regionId == null || d.regionId().equals(regionId));
  }

  @GetMapping("/dealers/{id}")
  Mono<Dealer> dealer(@PathVariable @NetworkId String id) {
    return visible.require(id);
  }

  private static void checkPathId(String pathId, @Nullable String bodyId) {
    if (bodyId != null && !bodyId.equals(pathId)) {
      throw new InvalidInputException(
          "The body's id differs from the path's.",
          List.of(new FieldViolation("id", "must be absent or equal to the id in the path")));
    }
  }

  private static HttpStatus status(UpsertOutcome outcome) {
    return outcome == UpsertOutcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
  }
}
