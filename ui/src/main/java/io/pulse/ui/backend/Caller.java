package io.pulse.ui.backend;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a set of credentials, as the backend's {@code GET /api/v1/me} says.
 *
 * @param role {@code DEALER_MANAGER}, {@code BRAND_EXECUTIVE}, {@code ADMIN} or {@code INGEST}
 * @param dealers the dealers of a dealer manager
 * @param brand the brand of a brand executive
 */
public record Caller(String name, String role, List<String> dealers, @Nullable String brand) {

  /** The backend leaves {@code dealers} out for roles without dealers. */
  @SuppressWarnings("NullAway")
  public Caller {
    dealers = dealers == null ? List.of() : List.copyOf(dealers);
  }
}
