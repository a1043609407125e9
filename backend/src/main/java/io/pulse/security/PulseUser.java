package io.pulse.security;

import io.pulse.api.Role;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller and what they are bound to.
 *
 * @param dealerIds the dealers a dealer manager manages (empty for other roles)
 * @param brandId the brand of a brand executive (null for other roles)
 * @param ingest what an API key may send (ADMIN: everything; people: nothing)
 */
public record PulseUser(
    String name, Role role, Set<String> dealerIds, @Nullable String brandId, IngestScope ingest) {

  public PulseUser {
    dealerIds = Set.copyOf(dealerIds);
  }

  /** A person: no API key scope. */
  public PulseUser(String name, Role role, Set<String> dealerIds, @Nullable String brandId) {
    this(name, role, dealerIds, brandId, role == Role.ADMIN ? IngestScope.ALL : IngestScope.NONE);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Dealer managers see their dealers, executives their brand's, admins all. */
  public boolean canSeeDealer(String dealerId, String dealerBrandId) {
    return switch (role) {
      case ADMIN -> true;
      case DEALER_MANAGER -> dealerIds.contains(dealerId);
      case BRAND_EXECUTIVE -> dealerBrandId.equals(brandId);
      case INGEST -> false;
    };
  }

  /** Brand-level figures: the brand's executives and admins. */
  public boolean canSeeBrand(String id) {
    return role == Role.ADMIN || (role == Role.BRAND_EXECUTIVE && id.equals(brandId));
  }

  /** Acting on a dealer's alerts is the dealer manager's job (and an admin's). */
  public boolean canHandleDealer(String dealerId) {
    return role == Role.ADMIN || (role == Role.DEALER_MANAGER && dealerIds.contains(dealerId));
  }
}
