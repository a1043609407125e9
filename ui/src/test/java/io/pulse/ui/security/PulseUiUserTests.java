package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each role may open and do, the same rules as the backend's {@code PulseUser}. */
class PulseUiUserTests {

  final PulseUiUser manager =
      new PulseUiUser("m", PulseUiUser.DEALER_MANAGER, Set.of("D1", "D2"), null);
  final PulseUiUser executive =
      new PulseUiUser("e", PulseUiUser.BRAND_EXECUTIVE, Set.of(), "VOLTA");
  final PulseUiUser admin = new PulseUiUser("a", PulseUiUser.ADMIN, Set.of(), null);
  final PulseUiUser ingest = new PulseUiUser("k", "INGEST", Set.of(), null);

  @Test
  void aDealerManagerSeesAndHandlesOnlyTheirDealers() {
    assertThat(manager.canSeeDealer("D1", "VOLTA")).isTrue();
    assertThat(manager.canSeeDealer("D3", "VOLTA")).isFalse();
    assertThat(manager.canSeeBrand("VOLTA")).isFalse();
    assertThat(manager.canHandleDealer("D2")).isTrue();
    assertThat(manager.canHandleDealer("D3")).isFalse();
  }

  @Test
  void anExecutiveSeesTheirBrandButHandlesNoAlerts() {
    assertThat(executive.canSeeDealer("D9", "VOLTA")).isTrue();
    assertThat(executive.canSeeDealer("D9", "OTHER")).isFalse();
    assertThat(executive.canSeeBrand("VOLTA")).isTrue();
    assertThat(executive.canSeeBrand("OTHER")).isFalse();
    assertThat(executive.canHandleDealer("D9")).isFalse();
  }

  @Test
  void anAdminSeesEverythingAndAnIngestKeyNothing() {
    assertThat(admin.canSeeDealer("D9", "OTHER")).isTrue();
    assertThat(admin.canSeeBrand("OTHER")).isTrue();
    assertThat(admin.canHandleDealer("D9")).isTrue();
    assertThat(admin.isPerson()).isTrue();
    assertThat(ingest.isPerson()).isFalse();
    assertThat(ingest.canSeeDealer("D1", "VOLTA")).isFalse();
    assertThat(ingest.canSeeBrand("VOLTA")).isFalse();
  }

  @Test
  void anOidcTokensClaimsMakeTheSameUser() {
    PulseUiUser fromToken =
        PulseUiUser.fromClaims(
            "sub-1",
            Map.of(
                "preferred_username", "anna",
                "pulse_role", "DEALER_MANAGER",
                "pulse_dealers", List.of("D1", "D2")));
    assertThat(fromToken)
        .isEqualTo(new PulseUiUser("anna", PulseUiUser.DEALER_MANAGER, Set.of("D1", "D2"), null));
    PulseUiUser roleless = PulseUiUser.fromClaims("sub-2", Map.of("pulse_brand", "VOLTA"));
    assertThat(roleless.isPerson()).isFalse();
    assertThat(roleless.canSeeBrand("VOLTA")).isFalse();
    assertThat(roleless.name()).isEqualTo("sub-2");
  }
}
