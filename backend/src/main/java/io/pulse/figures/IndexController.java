package io.pulse.figures;

import io.pulse.api.IndexView;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.window.WindowName;
import io.pulse.window.WindowSpec;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Read API of the index figures per dealer, region, brand, brand × region and network. */
@Tag(name = "Index figures", description = "CSI, NPS and parameter scores per scope and window")
@RestController
@RequestMapping("/api/v1")
class IndexController {

  private final IndexQueryService index;

  private final VisibleDealers dealers;
  private final Access access;

  IndexController(IndexQueryService index, VisibleDealers dealers, Access access) {
    this.index = index;
    this.dealers = dealers;
    this.access = access;
  }

  @GetMapping("/dealers/{id}/index")
  Mono<IndexView> dealer(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window) {
    WindowSpec w = index.window(window);
    return dealers.require(id).then(index.dealer(id, w));
  }

  @GetMapping("/regions/{id}/index")
  Mono<IndexView> region(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window) {
    return Mono.defer(() -> index.region(id, index.window(window)));
  }

  @GetMapping("/brands/{id}/index")
  Mono<IndexView> brand(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window) {
    WindowSpec w = index.window(window);
    return access.requireBrand(id).then(Mono.defer(() -> index.brand(id, w)));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}/index")
  Mono<IndexView> brandRegion(
      @PathVariable @NetworkId String brandId,
      @PathVariable @NetworkId String regionId,
      @RequestParam(defaultValue = "24h") @WindowName String window) {
    WindowSpec w = index.window(window);
    return access
        .requireBrand(brandId)
        .then(Mono.defer(() -> index.brandRegion(brandId, regionId, w)));
  }

  @GetMapping("/network/index")
  Mono<IndexView> network(@RequestParam(defaultValue = "24h") @WindowName String window) {
    return Mono.defer(() -> index.network(index.window(window)));
  }

  @GetMapping("/windows")
  Object windows() {
    return index.describe();
  }
}
