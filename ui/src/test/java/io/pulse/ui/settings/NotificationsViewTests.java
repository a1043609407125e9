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
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.support.UiAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Mono;

/** The e-mail settings page: what it shows of the person's subscription and what it saves. */
// The same context as the other view tests (one cached context for all of them).
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithMockUser
class NotificationsViewTests extends SpringBrowserlessTest {

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  @BeforeEach
  void backend() {
    when(backend.subscription(any()))
        .thenReturn(
            Mono.just(new Subscription("anna@dealer.test", "ru", true, false, false, false)));
    when(backend.subscribe(any(), any())).thenAnswer(i -> Mono.just(i.getArgument(1)));
  }

  @Test
  void thePersonsSubscriptionIsShownAndSavedAsChanged() {
    navigate(NotificationsView.class);
    UiAccess.until(
        () -> "anna@dealer.test".equals($(EmailField.class).id("notify-email").getValue()));
    assertThat($(Checkbox.class).id("notify-hot").getValue()).isTrue();
    assertThat($(Checkbox.class).id("notify-daily").getValue()).isFalse();

    test($(Checkbox.class).id("notify-daily")).click();
    test($(Button.class).id("notify-save")).click();

    ArgumentCaptor<Subscription> saved = ArgumentCaptor.forClass(Subscription.class);
    verify(backend).subscribe(any(), saved.capture());
    assertThat(saved.getValue())
        .isEqualTo(new Subscription("anna@dealer.test", "ru", true, true, false, false));
    UiAccess.until(() -> "Saved.".equals($(Paragraph.class).id("notify-status").getText()));
  }
}
