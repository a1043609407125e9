package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfirmationTokenTests {

  @Test
  void aTokenIsRandomUrlSafeAndKeptOnlyAsItsHash() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ConfirmationToken token = ConfirmationToken.random();
      assertThat(ConfirmationToken.wellFormed(token.value())).isTrue();
      assertThat(seen.add(token.value())).isTrue();
      assertThat(token.hash()).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(token.value());
    }
    // SHA-256 of the text, so the database's and anyone's computation agree.
    assertThat(new ConfirmationToken("abc").hash())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // Never in a log line.
    ConfirmationToken token = ConfirmationToken.random();
    assertThat(token.toString()).doesNotContain(token.value());
  }

  @Test
  void onlyWhatCanBeATokenIsLookedUp() {
    assertThat(ConfirmationToken.wellFormed(null)).isFalse();
    assertThat(ConfirmationToken.wellFormed("")).isFalse();
    assertThat(ConfirmationToken.wellFormed("A".repeat(42))).isFalse();
    assertThat(ConfirmationToken.wellFormed("A".repeat(44))).isFalse();
    assertThat(ConfirmationToken.wellFormed("A".repeat(42) + "=")).isFalse();
    assertThat(ConfirmationToken.wellFormed("A".repeat(42) + "%")).isFalse();
    assertThat(ConfirmationToken.wellFormed("A".repeat(42) + "-")).isTrue();
  }
}
