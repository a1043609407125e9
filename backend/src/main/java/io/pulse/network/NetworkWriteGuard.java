package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.pulse.security.Access;
import io.pulse.security.IngestScope;
import io.pulse.system.FieldViolation;
import io.pulse.system.ForbiddenException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may change reference data: admins, and API keys with the {@code NETWORK} capability. A key
 * for some brands writes those brands and their dealers only, and moves no dealer out of another
 * brand (which would hand that brand's history to the key's); regions, shared by every brand, need
 * a key for all brands. A refused request changes nothing (403 naming each item).
 */
@Component
class NetworkWriteGuard {

  private final Access access;
  private final DealerDirectory directory;

  NetworkWriteGuard(Access access, DealerDirectory directory) {
    this.access = access;
    this.directory = directory;
  }

  Mono<Void> check(List<Brand> brands, List<Region> regions, List<Dealer> dealers) {
    return access
        .user()
        .flatMap(user -> {
          IngestScope scope = user.ingest();
          if (!scope.has(IngestScope.Capability.NETWORK)) {
            return Mono.error(
                new ForbiddenException(
                    "This API key may not change the network; nothing was changed.", List.of()));
          }
          if (scope.allBrands()) {
            return Mono.<Void>empty();
          }
          return directory
              .resolve(dealers.stream().map(Dealer::id).toList())
              .flatMap(current -> {
                List<FieldViolation> refused = new ArrayList<>();
                for (int i = 0; i < brands.size(); i++) {
                  if (!scope.allowsBrand(brands.get(i).id())) {
                    refused.add(outside("brands[" + i + "].id", "brand " + brands.get(i).id()));
                  }
                }
                for (int i = 0; i < regions.size(); i++) {
                  refused.add(
                      new FieldViolation(
                          "regions[" + i + "].id",
                          "regions are shared by every brand: only a key for all brands changes"
                              + " them"));
                }
                for (int i = 0; i < dealers.size(); i++) {
                  Dealer d = dealers.get(i);
                  Dealer before = current.get(d.id());
                  if (!scope.allowsBrand(String.valueOf(d.brandId()))
                      || (before != null && !scope.allowsBrand(before.brandId()))) {
                    refused.add(outside("dealers[" + i + "].brandId", "dealer " + d.id()));
                  }
                }
                return refused.isEmpty()
                    ? Mono.<Void>empty()
                    : Mono.error(
                        new ForbiddenException(
                            "The request names brands outside this API key's; nothing was"
                                + " changed.",
                            refused));
              });
        });
  }

  private static FieldViolation outside(String field, String what) {
    return new FieldViolation(field, what + " is outside the brands this API key may send for");
  }
}
