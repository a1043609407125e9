package io.pulse.security;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an API key may send: feedback and/or reference data, for some brands or all.
 *
 * @param brands the brands whose dealers the key may send for; null for every brand
 */
public record IngestScope(@Nullable Set<String> brands, Set<Capability> capabilities) {

  /** No limits at all: admins. */
  public static final IngestScope ALL = new IngestScope(null, EnumSet.allOf(Capability.class));

  /**
   * What a key may do when its capabilities are not given: feedback and network, as keys did before
   * capabilities existed; back-dated history only when asked for.
   */
  public static final Set<Capability> DEFAULT_CAPABILITIES =
      Set.copyOf(EnumSet.of(Capability.FEEDBACK, Capability.NETWORK));

  /** Nothing at all: people, who do not ingest through keys. */
  public static final IngestScope NONE = new IngestScope(Set.of(), Set.of());

  public IngestScope {
    brands = brands == null ? null : Set.copyOf(brands);
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
  }

  /** What a key may do. */
  public enum Capability {
    /** Send feedback events. */
    FEEDBACK,
    /** Create and change brands, regions and dealers. */
    NETWORK,
    /**
     * Send feedback dated further back than {@code pulse.ingest.max-live-age}: loading history. A
     * key without it can date an answer a little late (a customer answering an SMS days later), not
     * rewrite a dealer's past.
     */
    HISTORY
  }

  public boolean allowsBrand(String brandId) {
    return brands == null || brands.contains(brandId);
  }

  /** Keys for every brand: only those may change what all brands share (regions). */
  public boolean allBrands() {
    return brands == null;
  }

  public boolean has(Capability capability) {
    return capabilities.contains(capability);
  }
}
