package io.pulse.api;

/**
 * What a set of figures or an index stream is about: a dealer, a region (all brands), a brand, one
 * brand in one region, or the whole network. Ids follow {@link NetworkIds}; one that does not is
 * refused here, so no malformed id reaches a URL or a key.
 */
public sealed interface Scope {

  /** The stream of this scope below {@code /api/v1/stream}. */
  String streamPath();

  record Dealer(String dealerId) implements Scope {
    public Dealer {
      requireId(dealerId);
    }

    @Override
    public String streamPath() {
      return "/dealers/" + dealerId;
    }
  }

  record Region(String regionId) implements Scope {
    public Region {
      requireId(regionId);
    }

    @Override
    public String streamPath() {
      return "/regions/" + regionId;
    }
  }

  record Brand(String brandId) implements Scope {
    public Brand {
      requireId(brandId);
    }

    @Override
    public String streamPath() {
      return "/brands/" + brandId;
    }
  }

  record BrandRegion(String brandId, String regionId) implements Scope {
    public BrandRegion {
      requireId(brandId);
      requireId(regionId);
    }

    @Override
    public String streamPath() {
      return "/brands/" + brandId + "/regions/" + regionId;
    }
  }

  record Network() implements Scope {
    @Override
    public String streamPath() {
      return "/network";
    }
  }

  static Scope dealer(String dealerId) {
    return new Dealer(dealerId);
  }

  static Scope region(String regionId) {
    return new Region(regionId);
  }

  static Scope brand(String brandId) {
    return new Brand(brandId);
  }

  static Scope brandRegion(String brandId, String regionId) {
    return new BrandRegion(brandId, regionId);
  }

  static Scope network() {
    return new Network();
  }

  private static void requireId(String id) {
    if (!NetworkIds.isValid(id)) {
      throw new IllegalArgumentException("not a valid id: " + id + " (" + NetworkIds.RULE + ")");
    }
  }
}
