package io.pulse.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import io.pulse.api.Subscription;
import io.pulse.api.Subscription.AddressStatus;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.support.UiAccess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The e-mail settings page: what it shows of the person's subscription, whether its address is
 * confirmed yet, and what it saves or asks for again.
 */
// The same context as the other view tests (one cached context for all of them).
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithMockUser
class NotificationsViewTests extends SpringBrowserlessTest {

  static final Instant SENT = Instant.parse("2026-11-23T10:00:00Z");

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  @BeforeEach
  void backend() {
    when(backend.subscription(any()))
        .thenReturn(Mono.just(subscription("anna@dealer.test", AddressStatus.CONFIRMED)));
    when(backend.subscribe(any(), any())).thenAnswer(i -> Mono.just(i.getArgument(1)));
    when(backend.resendConfirmation(any())).thenReturn(Mono.never());
    when(backend.unsubscribe(any())).thenReturn(Mono.empty());
  }

  static Subscription subscription(String email, AddressStatus status) {
    return new Subscription(email, "ru", true, false, false, false, status, SENT);
  }

  @Test
  void thePersonsSubscriptionIsShownAndSavedAsChanged() {
    navigate(NotificationsView.class);
    UiAccess.until(
        () -> "anna@dealer.test".equals($(EmailField.class).id("notify-email").getValue()));
    assertThat($(Checkbox.class).id("notify-hot").getValue()).isTrue();
    assertThat($(Checkbox.class).id("notify-daily").getValue()).isFalse();
    assertThat(address().getText()).isEqualTo("Your e-mails go to anna@dealer.test.");
    assertThat(status().getText()).isEqualTo("You get the e-mails ticked above.");
    assertThat($(Button.class).withId("notify-resend").exists()).isFalse();

    test($(Checkbox.class).id("notify-daily")).click();
    test($(Button.class).id("notify-save")).click();

    ArgumentCaptor<Subscription> saved = ArgumentCaptor.forClass(Subscription.class);
    verify(backend).subscribe(any(), saved.capture());
    assertThat(saved.getValue())
        .isEqualTo(new Subscription("anna@dealer.test", "ru", true, true, false, false));
    UiAccess.until(() -> "Saved.".equals(status().getText()));
  }

  @Test
  void aPendingAddressSaysSoAndItsConfirmationCanBeAskedForAgain() {
    when(backend.subscription(any()))
        .thenReturn(Mono.just(subscription("anna@dealer.test", AddressStatus.PENDING)));
    when(backend.resendConfirmation(any()))
        .thenReturn(Mono.just(subscription("anna@dealer.test", AddressStatus.PENDING)));
    navigate(NotificationsView.class);
    UiAccess.until(() -> $(Button.class).withId("notify-resend").exists());
    assertThat(address().getText())
        .startsWith("Confirmation sent to anna@dealer.test (")
        .contains("check your inbox");
    assertThat(status().getText()).doesNotContain("You get");

    test($(Button.class).id("notify-resend")).click();

    verify(backend).resendConfirmation(any());
    UiAccess.until(() -> status().getText().startsWith("Sent again."));
  }

  @Test
  void tooSoonSaysHowLongToWaitAndChangesNothing() {
    when(backend.subscription(any()))
        .thenReturn(Mono.just(subscription("anna@dealer.test", AddressStatus.PENDING)));
    HttpHeaders headers = new HttpHeaders();
    headers.set("Retry-After", "90");
    when(backend.resendConfirmation(any()))
        .thenReturn(
            Mono.error(
                WebClientResponseException.create(
                    429, "Too Many Requests", headers, new byte[0], StandardCharsets.UTF_8)));
    navigate(NotificationsView.class);
    UiAccess.until(() -> $(Button.class).withId("notify-resend").exists());

    test($(Button.class).id("notify-resend")).click();

    UiAccess.until(() -> status().getText().endsWith("You can ask again in 2 min."));
    assertThat(address().getText()).startsWith("Confirmation sent to anna@dealer.test");
  }

  @Test
  void theAddressIsShownAsTextNeverAsMarkup() {
    when(backend.subscription(any()))
        .thenReturn(Mono.just(subscription("<b>x</b>@dealer.test", AddressStatus.PENDING)));
    navigate(NotificationsView.class);
    UiAccess.until(() -> address().getText().contains("<b>x</b>@dealer.test"));
    assertThat(address().getElement().getOuterHTML())
        .contains("&lt;b&gt;x&lt;/b&gt;@dealer.test")
        .doesNotContain("<b>");
  }

  @Test
  void retryAfterIsShownInWholeMinutes() {
    assertThat(NotificationsView.minutes("1")).isEqualTo(1);
    assertThat(NotificationsView.minutes("120")).isEqualTo(2);
    assertThat(NotificationsView.minutes("121")).isEqualTo(3);
    assertThat(NotificationsView.minutes(null)).isEqualTo(1);
    assertThat(NotificationsView.minutes("soon")).isEqualTo(1);
  }

  private Paragraph address() {
    return $(Paragraph.class).id("notify-address");
  }

  private Paragraph status() {
    return $(Paragraph.class).id("notify-status");
  }
}
