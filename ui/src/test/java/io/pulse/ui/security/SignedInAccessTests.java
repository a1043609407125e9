package io.pulse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.FeedSignal;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.backend.LiveIndex;
import io.pulse.ui.base.HomeView;
import io.pulse.ui.dealer.DealerCabinetView;
import io.pulse.ui.executive.BrandDashboardView;
import io.pulse.ui.support.Fixtures;
import io.pulse.ui.support.UiAccess;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The real {@link SignedInUser} behind every view: what each role may open, what it is shown
 * instead, and that nobody gets past the login view unsigned. The backend is replaced by fixed
 * answers; which dealer belongs to which brand comes from them, as it would from the backend.
 */
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
class SignedInAccessTests extends SpringBrowserlessTest {

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;

  static final Dealer MINE = new Dealer("D1", "Volta Center", "VOLTA", "R16", "Kazan", "UTC");
  static final Dealer SAME_BRAND = new Dealer("D2", "Volta South", "VOLTA", "R17", "Sochi", "UTC");
  static final Dealer OTHER_BRAND = new Dealer("D3", "Orion North", "ORION", "R16", "Kazan", "UTC");

  @BeforeEach
  void backendAnswers() {
    when(hub.index(any(), any(), anyString())).thenReturn(Flux.<LiveIndex>never());
    when(hub.follow(any(), any(), any(), anyString(), any(), any())).thenAnswer(i -> Flux.never());
    when(hub.every(any(), any(), any(), any())).thenAnswer(i -> Flux.never());
    when(hub.feed(any(), anyString())).thenReturn(Flux.<FeedSignal>never());
    for (Dealer d : List.of(MINE, SAME_BRAND, OTHER_BRAND)) {
      when(backend.dealer(any(), eq(d.id()))).thenReturn(Mono.just(d));
    }
    when(backend.brands(any()))
        .thenReturn(Mono.just(List.of(new Brand("VOLTA", "Volta"), new Brand("ORION", "Orion"))));
    when(backend.dealers(any(), any(), any()))
        .thenReturn(Mono.just(List.of(MINE, SAME_BRAND, OTHER_BRAND)));
    when(backend.dealerAlerts(any(), anyString(), anyBoolean()))
        .thenReturn(Mono.just(List.of(Fixtures.openAlert("D1"))));
    when(backend.periods(any(), any())).thenReturn(Mono.never());
    when(backend.rootCauses(any())).thenReturn(Mono.just(List.of("PRICE")));
  }

  void until(BooleanSupplier condition) {
    UiAccess.until(condition);
  }

  boolean notFound() {
    return $(Paragraph.class).withId("not-found").exists();
  }

  @Test
  @WithAnonymousUser
  void nobodyGetsPastTheLoginView() {
    navigate("dealers/D1", LoginView.class);
    assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
        .isInstanceOf(LoginView.class);
    verify(hub, never()).index(any(), any(), anyString());
  }

  @Test
  @WithPulseUser(role = PulseUiUser.DEALER_MANAGER, dealers = "D1")
  void aDealerManagerOpensTheirCabinetHandlesItsAlertsAndNothingElse() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> "Volta Center".equals($(H1.class).id("dealer-title").getText()));
    until(() -> $(Button.class).withClassName("acknowledge").exists());
    assertThat(notFound()).isFalse();
    // No way up to the brand's dashboards: they are not theirs.
    assertThat($(Anchor.class).withText("Brand VOLTA").exists()).isFalse();

    navigate("dealers/D2", DealerCabinetView.class);
    until(this::notFound);
    navigate("dealers/D3", DealerCabinetView.class);
    until(this::notFound);
    navigate("brands/VOLTA", BrandDashboardView.class);
    assertThat(notFound()).isTrue();
  }

  @Test
  @WithPulseUser(
      role = PulseUiUser.DEALER_MANAGER,
      dealers = {"D1", "D2"})
  void aDealerManagersHomeListsTheirDealersOnly() throws Exception {
    navigate("", HomeView.class);
    until(() -> $(Anchor.class).withClassName("own-dealer").all().size() == 2);
    assertThat($(Anchor.class).withClassName("own-dealer").all())
        .extracting(Anchor::getHref)
        .containsExactly("dealers/D1", "dealers/D2");
  }

  @Test
  @WithPulseUser(role = PulseUiUser.BRAND_EXECUTIVE, brand = "VOLTA")
  void anExecutiveSeesTheirBrandButActsOnNoAlerts() throws Exception {
    navigate("brands/VOLTA", BrandDashboardView.class);
    assertThat(notFound()).isFalse();
    navigate("brands/ORION", BrandDashboardView.class);
    assertThat(notFound()).isTrue();

    navigate("dealers/D2", DealerCabinetView.class);
    until(() -> "Volta South".equals($(H1.class).id("dealer-title").getText()));
    until(() -> $(Span.class).withId("alerts-read-only").exists());
    assertThat($(Button.class).withClassName("acknowledge").exists()).isFalse();
    navigate("dealers/D3", DealerCabinetView.class);
    until(this::notFound);
  }

  @Test
  @WithPulseUser(role = PulseUiUser.DEALER_MANAGER, dealers = "D1", oidc = true)
  void aManagerSignedInAtTheOidcProviderIsBoundByTheTokensClaims() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> "Volta Center".equals($(H1.class).id("dealer-title").getText()));
    navigate("dealers/D2", DealerCabinetView.class);
    until(this::notFound);
    navigate("brands/VOLTA", BrandDashboardView.class);
    assertThat(notFound()).isTrue();
  }

  @Test
  @WithPulseUser(role = "INGEST", oidc = true)
  void aTokenWithoutAPersonsRoleOpensNothing() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    until(this::notFound);
    navigate("brands/VOLTA", BrandDashboardView.class);
    assertThat(notFound()).isTrue();
  }

  @Test
  @WithPulseUser(role = PulseUiUser.ADMIN)
  void anAdminOpensAnyBrandAndAnyCabinet() throws Exception {
    navigate("brands/ORION", BrandDashboardView.class);
    assertThat(notFound()).isFalse();
    navigate("dealers/D3", DealerCabinetView.class);
    until(() -> "Orion North".equals($(H1.class).id("dealer-title").getText()));
  }
}
