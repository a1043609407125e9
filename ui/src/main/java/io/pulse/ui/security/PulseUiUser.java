package io.pulse.ui.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A person signed in to the UI, as the backend knows them. Kept in the HTTP session, so it holds no
 * password. The backend decides what they may read (every call carries their own token); views also
 * check against this before they show or subscribe to anything.
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

  /**
   * The user an OIDC token describes with the backend's claims: {@code pulse_role}, {@code
   * pulse_dealers} (a list) and {@code pulse_brand}. Without a role nobody is signed in as a person
   * ({@link #isPerson()} is false), so nothing opens.
   */
  public static PulseUiUser fromClaims(String subject, Map<String, Object> claims) {
    Object role = claims.get("pulse_role");
    Object dealers = claims.get("pulse_dealers");
    Object brand = claims.get("pulse_brand");
    Object name = claims.getOrDefault("preferred_username", subject);
    return new PulseUiUser(
        String.valueOf(name),
        role instanceof String r ? r : "NONE",
        dealers instanceof Collection<?> c
            ? c.stream().map(String::valueOf).collect(Collectors.toSet())
            : Set.of(),
        brand instanceof String b ? b : null);
  }

  @Override
  public String getName() {
    return name;
  }

  /**
   * Role, brand and dealers in one text: people with equal keys may see exactly the same, so they
   * share upstreams.
   */
  public String accessKey() {
    return role
        + "|"
        + (brand == null ? "" : brand)
        + "|"
        + String.join(",", new TreeSet<>(dealers));
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
