package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A bulk load of (part of) the network; every list may be empty or missing. */
public record NetworkImport(
    @Nullable List<Brand> brands, @Nullable List<Region> regions, @Nullable List<Dealer> dealers) {

  public List<Brand> brandList() {
    return brands == null ? List.of() : brands;
  }

  public List<Region> regionList() {
    return regions == null ? List.of() : regions;
  }

  public List<Dealer> dealerList() {
    return dealers == null ? List.of() : dealers;
  }
}
