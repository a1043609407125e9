package io.pulse.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a caller is and what they are bound to ({@code GET /api/v1/me}).
 *
 * @param dealers the dealers a dealer manager manages, sorted (empty for other roles)
 * @param brand the brand of a brand executive (null for other roles)
 */
public record Me(String name, Role role, List<String> dealers, @Nullable String brand) {

  public Me {
    dealers = dealers == null ? List.of() : List.copyOf(dealers);
  }
}
