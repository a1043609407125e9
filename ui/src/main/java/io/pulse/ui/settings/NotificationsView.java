package io.pulse.ui.settings;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.pulse.api.Subscription;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.base.ClientZone;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * The signed-in person's e-mails: where they go, in which language, and which kinds. Saved as the
 * person (the backend stores it against their name and their dealers or brand of now). A new
 * address gets only a confirmation e-mail until its link is opened: the page says so, with when it
 * was sent, and can ask for it again (within the backend's limit, whose wait it shows).
 */
@Route(value = "notifications", layout = MainLayout.class)
@PageTitle("Pulse · e-mail")
@PermitAll
public class NotificationsView extends Div {

  private final BackendClient backend;
  private final CurrentUser user;
  private final EmailField email = new EmailField();
  private final Select<String> language = new Select<>();
  private final Checkbox hotAlerts = new Checkbox();
  private final Checkbox dailyDigest = new Checkbox();
  private final Checkbox weeklySummary = new Checkbox();
  private final Checkbox escalations = new Checkbox();
  private final Paragraph address = new Paragraph();
  private final Button resend = new Button();
  private final Paragraph status = new Paragraph();
  private Formats formats;
  private @Nullable BackendCredential me;
  private Disposable.Composite work = Disposables.composite();

  public NotificationsView(BackendClient backend, CurrentUser user) {
    this.backend = backend;
    this.user = user;
    addClassName("pulse-notifications");
    email.setId("notify-email");
    email.setLabel(getTranslation("notify.email"));
    email.setMaxLength(320);
    email.setWidth("100%");
    email.setMaxWidth("28rem");
    language.setId("notify-language");
    language.setLabel(getTranslation("notify.language"));
    language.setItems("en", "ru");
    language.setItemLabelGenerator(l -> "ru".equals(l) ? "Русский" : "English");
    hotAlerts.setId("notify-hot");
    hotAlerts.setLabel(getTranslation("notify.hot-alerts"));
    dailyDigest.setId("notify-daily");
    dailyDigest.setLabel(getTranslation("notify.daily-digest"));
    weeklySummary.setId("notify-weekly");
    weeklySummary.setLabel(getTranslation("notify.weekly-summary"));
    escalations.setId("notify-escalations");
    escalations.setLabel(getTranslation("notify.escalations"));
    Button save = new Button(getTranslation("notify.save"), e -> save());
    save.setId("notify-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button stop = new Button(getTranslation("notify.unsubscribe"), e -> unsubscribe());
    stop.setId("notify-unsubscribe");
    stop.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    address.setId("notify-address");
    address.setVisible(false);
    resend.setId("notify-resend");
    resend.setText(getTranslation("notify.resend"));
    resend.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    resend.setVisible(false);
    resend.addClickListener(e -> resendConfirmation());
    status.setId("notify-status");
    formats = new Formats(getLocale(), ZoneOffset.UTC);
    Div kinds = new Div(hotAlerts, dailyDigest, weeklySummary, escalations);
    kinds.addClassName("pulse-notify-kinds");
    Div buttons = new Div(save, stop);
    add(
        new H1(getTranslation("notify.title")),
        new Paragraph(getTranslation("notify.intro")),
        email,
        address,
        resend,
        language,
        kinds,
        buttons,
        status);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    me = user.credential();
    ClientZone.resolve(ui, zone -> formats = new Formats(getLocale(), zone));
    work.add(
        backend
            .subscription(me)
            .subscribe(
                s -> ui.access(() -> show(s)),
                e -> ui.access(() -> status.setText(getTranslation("notify.unavailable")))));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    work.dispose();
    work = Disposables.composite();
  }

  private void show(Subscription s) {
    email.setValue(s.email() == null ? "" : s.email());
    language.setValue("ru".equals(s.language()) ? "ru" : "en");
    hotAlerts.setValue(s.hotAlerts());
    dailyDigest.setValue(s.dailyDigest());
    weeklySummary.setValue(s.weeklySummary());
    escalations.setValue(s.escalations());
    // A pending address gets nothing yet: the line under it says so, not "you get the e-mails".
    status.setText(
        s.email() == null
            ? getTranslation("notify.none")
            : s.pending() ? "" : getTranslation("notify.active"));
    showAddress(s);
  }

  /** Whether the address receives yet; the address is the person's text, shown as text only. */
  private void showAddress(Subscription s) {
    String to = s.email();
    address.setVisible(to != null);
    resend.setVisible(to != null && s.pending());
    if (to == null) {
      address.setText("");
    } else if (s.pending()) {
      address.setText(
          getTranslation("notify.address.pending", to, formats.dateTime(s.confirmationSentAt())));
    } else {
      address.setText(getTranslation("notify.address.confirmed", to));
    }
  }

  private void save() {
    UI ui = UI.getCurrent();
    Subscription wanted =
        new Subscription(
            email.getValue().strip(),
            language.getValue() == null ? "en" : language.getValue(),
            hotAlerts.getValue(),
            dailyDigest.getValue(),
            weeklySummary.getValue(),
            escalations.getValue());
    work.add(
        backend
            .subscribe(me, wanted)
            .subscribe(
                s ->
                    ui.access(() -> {
                      show(s);
                      status.setText(getTranslation("notify.saved"));
                    }),
                e -> ui.access(() -> status.setText(failure(e, "notify.bad-email")))));
  }

  private void resendConfirmation() {
    UI ui = UI.getCurrent();
    work.add(
        backend
            .resendConfirmation(me)
            .subscribe(
                s ->
                    ui.access(() -> {
                      show(s);
                      status.setText(getTranslation("notify.resent"));
                    }),
                e ->
                    ui.access(() -> {
                      status.setText(failure(e, "notify.failed"));
                      if (e instanceof WebClientResponseException.Conflict) {
                        // Confirmed (or removed) meanwhile, elsewhere: show what is true now.
                        work.add(backend.subscription(me).subscribe(s -> ui.access(() -> show(s))));
                      }
                    })));
  }

  /** What a refused save or resend says: a bad address, a wait, or that it did not work. */
  private String failure(Throwable e, String badRequest) {
    if (e instanceof WebClientResponseException.TooManyRequests tooMany) {
      return getTranslation(
          "notify.too-many", minutes(tooMany.getHeaders().getFirst("Retry-After")));
    }
    if (e instanceof WebClientResponseException.Conflict) {
      return getTranslation("notify.nothing-pending");
    }
    return getTranslation(
        e instanceof WebClientResponseException.BadRequest ? badRequest : "notify.failed");
  }

  /** {@code Retry-After} seconds as whole minutes, at least one. */
  static long minutes(@Nullable String retryAfter) {
    try {
      long seconds = retryAfter == null ? 60 : Long.parseLong(retryAfter.strip());
      return Math.max(1, (seconds + 59) / 60);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private void unsubscribe() {
    UI ui = UI.getCurrent();
    work.add(
        backend
            .unsubscribe(me)
            .subscribe(
                v -> {},
                e -> ui.access(() -> status.setText(getTranslation("notify.failed"))),
                () ->
                    ui.access(() -> {
                      show(Subscription.none());
                      status.setText(getTranslation("notify.stopped"));
                    })));
  }
}
