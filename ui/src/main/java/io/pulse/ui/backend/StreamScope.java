package io.pulse.ui.backend;

import org.jspecify.annotations.Nullable;

/**
 * A scope the backend streams index figures for, with its stream path under {@code /api/v1/stream}.
 */
public record StreamScope(Kind kind, @Nullable String id, @Nullable String regionId) {

  public StreamScope {
    // Ids go into URL paths: only the backend's id alphabet may pass
    // (docs/domain.md, "The network").
    if ((kind != Kind.NETWORK && !BackendClient.isValidId(id))
        || (kind == Kind.BRAND_REGION && !BackendClient.isValidId(regionId))) {
      throw new IllegalArgumentException("not a valid id: " + id + "/" + regionId);
    }
  }

  /** The kinds of scope with an index stream. */
  public enum Kind {
    DEALER,
    REGION,
    BRAND,
    BRAND_REGION,
    NETWORK
  }

  public static StreamScope dealer(String id) {
    return new StreamScope(Kind.DEALER, id, null);
  }

  public static StreamScope region(String id) {
    return new StreamScope(Kind.REGION, id, null);
  }

  public static StreamScope brand(String id) {
    return new StreamScope(Kind.BRAND, id, null);
  }

  public static StreamScope brandRegion(String brandId, String regionId) {
    return new StreamScope(Kind.BRAND_REGION, brandId, regionId);
  }

  public static StreamScope network() {
    return new StreamScope(Kind.NETWORK, null, null);
  }

  /** The path below {@code /api/v1/stream}; the ids were checked on construction. */
  String path() {
    return switch (kind) {
      case DEALER -> "/dealers/" + id;
      case REGION -> "/regions/" + id;
      case BRAND -> "/brands/" + id;
      case BRAND_REGION -> "/brands/" + id + "/regions/" + regionId;
      case NETWORK -> "/network";
    };
  }
}
