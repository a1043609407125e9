package io.pulse.window;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Read API of the index figures per dealer, region, brand, brand × region and network. */
@RestController
@RequestMapping("/api/v1")
class IndexController {

  private final IndexQueryService index;

  IndexController(IndexQueryService index) {
    this.index = index;
  }

  @GetMapping("/dealers/{id}/index")
  Mono<IndexView> dealer(
      @PathVariable String id, @RequestParam(defaultValue = "24h") String window) {
    return Mono.defer(() -> index.dealer(id, index.window(window)));
  }

  @GetMapping("/regions/{id}/index")
  Mono<IndexView> region(
      @PathVariable String id, @RequestParam(defaultValue = "24h") String window) {
    return Mono.defer(() -> index.region(id, index.window(window)));
  }

  @GetMapping("/brands/{id}/index")
  Mono<IndexView> brand(
      @PathVariable String id, @RequestParam(defaultValue = "24h") String window) {
    return Mono.defer(() -> index.brand(id, index.window(window)));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}/index")
  Mono<IndexView> brandRegion(
      @PathVariable String brandId,
      @PathVariable String regionId,
      @RequestParam(defaultValue = "24h") String window) {
    return Mono.defer(() -> index.brandRegion(brandId, regionId, index.window(window)));
  }

  @GetMapping("/network/index")
  Mono<IndexView> network(@RequestParam(defaultValue = "24h") String window) {
    return Mono.defer(() -> index.network(index.window(window)));
  }

  @GetMapping("/windows")
  Object windows() {
    return index.describe();
  }
}
