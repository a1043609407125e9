package io.pulse.api;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The sender-chosen ids of brands, regions and dealers: 1–64 of {@code A–Z a–z 0–9 _ -}. */
public final class NetworkIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private NetworkIds() {}

  public static boolean isValid(@Nullable String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static final String RULE = "must be 1-64 characters of A-Z a-z 0-9 _ -";
}
