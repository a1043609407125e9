package io.pulse.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import io.pulse.api.ConfirmedEmail;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.support.UiAccess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The page a confirmation link opens: open without signing in, it confirms only when its button is
 * pressed, and says plainly what happened.
 */
// The same context as the other view tests (one cached context for all of them).
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithAnonymousUser
class ConfirmEmailViewTests extends SpringBrowserlessTest {

  static final String TOKEN = "Ab_-" + "x".repeat(39);

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  @Test
  void openingTheLinkConfirmsNothingUntilTheButtonIsPressed() {
    when(backend.confirmEmail(eq(TOKEN), any()))
        .thenReturn(Mono.just(new ConfirmedEmail("<i>anna</i>@dealer.test")));
    open(TOKEN);
    // Nobody signed in, and still the page itself, not the login view.
    assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
        .isInstanceOf(ConfirmEmailView.class);
    verify(backend, never()).confirmEmail(anyString(), any());

    test($(Button.class).id("confirm-email-button")).click();

    verify(backend).confirmEmail(eq(TOKEN), any());
    UiAccess.until(
        () -> message().getText().endsWith("is confirmed. Pulse e-mails go there from now on."));
    // The address comes back from the backend: shown as text, never markup.
    assertThat(message().getElement().getOuterHTML()).contains("&lt;i&gt;anna&lt;/i&gt;");
    assertThat($(Button.class).withId("confirm-email-button").exists()).isFalse();
  }

  @Test
  void aLinkThatDoesNotWorkSaysSoAndOffersNoRetry() {
    when(backend.confirmEmail(eq(TOKEN), any()))
        .thenReturn(
            Mono.error(
                WebClientResponseException.create(
                    400, "Bad Request", new HttpHeaders(), new byte[0], StandardCharsets.UTF_8)));
    open(TOKEN);

    test($(Button.class).id("confirm-email-button")).click();

    UiAccess.until(() -> message().getText().startsWith("This link does not work"));
    assertThat($(Button.class).withId("confirm-email-button").exists()).isFalse();
  }

  @Test
  void aThrottledAttemptMayBeRepeatedLater() {
    when(backend.confirmEmail(eq(TOKEN), any()))
        .thenReturn(
            Mono.error(
                WebClientResponseException.create(
                    429,
                    "Too Many Requests",
                    new HttpHeaders(),
                    new byte[0],
                    StandardCharsets.UTF_8)));
    open(TOKEN);

    test($(Button.class).id("confirm-email-button")).click();

    UiAccess.until(() -> message().getText().startsWith("Too many attempts"));
    Button confirm = $(Button.class).id("confirm-email-button");
    assertThat(confirm.isVisible()).isTrue();
    assertThat(confirm.isEnabled()).isTrue();
  }

  @Test
  void aBrokenLinkSendsNothing() {
    open("abc");
    assertThat(message().getText()).startsWith("This link is incomplete.");
    assertThat($(Button.class).withId("confirm-email-button").exists()).isFalse();
    navigate("confirm-email", ConfirmEmailView.class);
    assertThat(message().getText()).startsWith("This link is incomplete.");
    verify(backend, never()).confirmEmail(anyString(), any());
  }

  /** Opens the page as the link does, with its {@code token} query parameter. */
  private void open(String token) {
    UI.getCurrent().navigate("confirm-email", QueryParameters.of("token", token));
  }

  private Paragraph message() {
    return $(Paragraph.class).id("confirm-email-message");
  }
}
