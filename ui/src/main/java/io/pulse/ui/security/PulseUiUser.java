package io.pulse.ui.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person signed in to the UI, as the backend knows them. Kept in the HTTP session, so it holds no
 * password: the UI reads the backend with its own service account and checks every object against
 * this before it shows or does anything.
 *
 * @param role the backend's role: {@code DEALER_MANAGER}, {@code BRAND_EXECUTIVE} or {@code ADMIN}
 * @param dealers the dealers a dealer manager manages (empty for other roles)
 * @param brand the brand of a brand executive (null for other roles)
 */
public record PulseUiUser(String name, String role, Set<String> dealers, @Nullable String brand)
    implements Principal, Serializable {

  public static final String DEALER_MANAGER = "DEALER_MANAGER";
  public static final String BRAND_EXECUTIVE = "BRAND_EXECUTIVE";
  public static final String ADMIN = "ADMIN";

  public PulseUiUser {
    dealers = Set.copyOf(dealers);
  }

  @Override
  public String getName() {
    return name;
  }

  /** Whether this role works in the UI at all (ingest clients do not). */
  public boolean isPerson() {
    return role.equals(DEALER_MANAGER) || role.equals(BRAND_EXECUTIVE) || role.equals(ADMIN);
  }

  /** Dealer managers see their dealers, executives their brand's, admins all (as the backend). */
  public boolean canSeeDealer(String dealerId, String dealerBrandId) {
    return switch (role) {
      case ADMIN -> true;
      case DEALER_MANAGER -> dealers.contains(dealerId);
      case BRAND_EXECUTIVE -> dealerBrandId.equals(brand);
      default -> false;
    };
  }

  public boolean canSeeBrand(String brandId) {
    return role.equals(ADMIN) || (role.equals(BRAND_EXECUTIVE) && brandId.equals(brand));
  }

  /** Acting on a dealer's alerts is its managers' job (and an admin's), as in the backend. */
  public boolean canHandleDealer(String dealerId) {
    return role.equals(ADMIN) || (role.equals(DEALER_MANAGER) && dealers.contains(dealerId));
  }
}
