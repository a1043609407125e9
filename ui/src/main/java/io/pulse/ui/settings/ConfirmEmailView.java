package io.pulse.ui.settings;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.pulse.ui.backend.BackendClient;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Where the link of a confirmation e-mail leads: open to anyone, since whoever reads the mailbox
 * need not be signed in. Opening it confirms nothing: mail scanners and link previews fetch the
 * links of an e-mail, and they must not confirm an address nobody read. The person presses the
 * button, and the backend checks the token.
 */
@Route(value = "confirm-email", autoLayout = false)
@PageTitle("Pulse · confirm e-mail")
@AnonymousAllowed
public class ConfirmEmailView extends Div implements BeforeEnterObserver {

  /** What a token looks like (the backend's rule); anything else is not sent anywhere. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final BackendClient backend;
  private final Paragraph message = new Paragraph();
  private final Button confirm = new Button();
  private @Nullable String token;

  public ConfirmEmailView(BackendClient backend) {
    this.backend = backend;
    addClassName("pulse-confirm-email");
    message.setId("confirm-email-message");
    message.setText(getTranslation("confirm-email.ask"));
    confirm.setId("confirm-email-button");
    confirm.setText(getTranslation("confirm-email.button"));
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    confirm.setDisableOnClick(true);
    confirm.addClickListener(e -> confirm());
    Div card = new Div(new H1(getTranslation("confirm-email.title")), message, confirm);
    card.addClassName("pulse-card");
    add(card);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    List<String> values =
        event.getLocation().getQueryParameters().getParameters().getOrDefault("token", List.of());
    token =
        values.size() == 1 && TOKEN.matcher(values.getFirst()).matches() ? values.getFirst() : null;
    if (token == null) {
      message.setText(getTranslation("confirm-email.broken-link"));
      confirm.setVisible(false);
    }
  }

  private void confirm() {
    String t = token;
    if (t == null) {
      return;
    }
    UI ui = UI.getCurrent();
    VaadinSession session = VaadinSession.getCurrent();
    String browser = session == null ? null : session.getBrowser().getAddress();
    backend
        .confirmEmail(t, browser)
        .subscribe(
            done ->
                ui.access(() -> {
                  // The person's own address, as text: never markup.
                  message.setText(getTranslation("confirm-email.done", done.email()));
                  confirm.setVisible(false);
                  // The used token need not stay in the address bar or the history.
                  ui.getPage().getHistory().replaceState(null, "confirm-email");
                }),
            e ->
                ui.access(() -> {
                  message.setText(
                      getTranslation(
                          e instanceof WebClientResponseException.BadRequest
                              ? "confirm-email.refused"
                              : e instanceof WebClientResponseException.TooManyRequests
                                  ? "confirm-email.too-many"
                                  : "confirm-email.failed"));
                  // A link that does not work will not start working; the rest may.
                  confirm.setVisible(!(e instanceof WebClientResponseException.BadRequest));
                  confirm.setEnabled(true);
                }));
  }
}
