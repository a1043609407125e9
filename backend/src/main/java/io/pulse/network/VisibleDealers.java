package io.pulse.network;

import io.pulse.api.Dealer;
import io.pulse.security.Access;
import io.pulse.system.NotFoundException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dealers as the current caller may see them: a dealer of someone else, or of another brand, is
 * "not found", exactly like a dealer that does not exist.
 */
@Component
public class VisibleDealers {

  private final DealerDirectory directory;
  private final Access access;

  VisibleDealers(DealerDirectory directory, Access access) {
    this.directory = directory;
    this.access = access;
  }

  /** The dealer, if it exists and the caller may see it; else a 404. */
  public Mono<Dealer> require(String dealerId) {
    return directory
        .dealer(dealerId)
        .flatMap(d ->
            d.map(Mono::just)
                .orElseGet(
                    () -> Mono.error(new NotFoundException("No dealer with id " + dealerId))))
        .flatMap(d -> access.requireDealer(d.id(), d.brandId()).thenReturn(d));
  }

  /** The dealers the caller may see, among {@code dealers}. */
  public Flux<Dealer> filter(Flux<Dealer> dealers) {
    return access.user().flatMapMany(u -> dealers.filter(d -> u.canSeeDealer(d.id(), d.brandId())));
  }
}
