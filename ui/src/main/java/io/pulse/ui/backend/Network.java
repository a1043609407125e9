package io.pulse.ui.backend;

import org.jspecify.annotations.Nullable;

/** The network's reference data as the backend serves it. */
public final class Network {

  private Network() {}

  /** A carmaker's brand. */
  public record Brand(String id, String name) {}

  /** A geographic region. */
  public record Region(String id, String name) {}

  /** One dealership; its cabinet shows times in {@code timeZone}. */
  public record Dealer(
      String id,
      String name,
      String brandId,
      String regionId,
      @Nullable String city,
      String timeZone) {}
}
