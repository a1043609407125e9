package io.pulse.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The secret of one confirmation link: 256 random bits, Base64url. Only its SHA-256 is stored, so a
 * copy of the database confirms nothing; being that random, the hash needs no salt or slow function
 * (nobody can try candidates against it).
 */
record ConfirmationToken(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** 32 bytes in Base64url without padding. */
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  static ConfirmationToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ConfirmationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Whether {@code value} can be a token at all: anything else is refused without a lookup. */
  static boolean wellFormed(@Nullable String value) {
    return value != null && FORM.matcher(value).matches();
  }

  /** What is stored and looked up: SHA-256, hex. */
  String hash() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    // Never in a log line: it would confirm the address for whoever reads the log.
    return "ConfirmationToken[…]";
  }
}
