package io.pulse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTests {

  @Test
  void eachScopeNamesItsStream() {
    assertThat(Scope.dealer("D00001").streamPath()).isEqualTo("/dealers/D00001");
    assertThat(Scope.region("R16").streamPath()).isEqualTo("/regions/R16");
    assertThat(Scope.brand("VOLTA").streamPath()).isEqualTo("/brands/VOLTA");
    assertThat(Scope.brandRegion("VOLTA", "R16").streamPath())
        .isEqualTo("/brands/VOLTA/regions/R16");
    assertThat(Scope.network().streamPath()).isEqualTo("/network");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "p:1", "../admin", "D 1", "D1?window=1d", "Ключ"})
  void anIdOutsideTheNetworkAlphabetNeverBecomesAScope(String id) {
    assertThatThrownBy(() -> Scope.dealer(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NetworkIds.RULE);
    assertThatThrownBy(() -> Scope.brandRegion("VOLTA", id))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsAreOneToSixtyFourCharacters() {
    assertThat(NetworkIds.isValid("a".repeat(64))).isTrue();
    assertThat(NetworkIds.isValid("a".repeat(65))).isFalse();
    assertThat(NetworkIds.isValid(null)).isFalse();
  }
}
