package io.pulse.ui.dealer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import io.pulse.api.Alert;
import io.pulse.api.AlertCase;
import io.pulse.api.CommentMasking;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Alerts to handle within 24 h (detractors, very low answers, early warnings with what moved),
 * newest first: acknowledge, resolve with a note; overdue ones are marked with an icon and the
 * word, not only a colour.
 */
class AlertsPanel extends Div {

  // Masked until the view says this person is an admin (CurrentUser.seesPersonalData).
  private boolean personalData;

  private final Div list = new Div();
  private final Paragraph summary = new Paragraph();
  private final Checkbox showResolved = new Checkbox();
  private final Span readOnly = new Span();
  private final Consumer<String> onAcknowledge;
  private final Consumer<String> onContact;
  private final Consumer<Resolution> onResolve;
  private final Function<String, Mono<AlertCase>> loadCase;
  private final BiFunction<String, String, Mono<AlertCase>> assign;
  private boolean handling;
  private @Nullable List<Alert> shown;
  private @Nullable Formats shownWith;

  /** What the manager said on resolving: the note, and what the case was about and how it ended. */
  record Resolution(
      String eventId, String note, @Nullable String rootCause, @Nullable String outcome) {}

  /**
   * The root causes a resolution may name until the backend's configured list has been read (its
   * default list, pulse.cases.root-causes).
   */
  static final List<String> ROOT_CAUSES =
      List.of("WAITING_TIME", "STAFF_ATTITUDE", "CAR_QUALITY", "PRICE", "PAPERWORK", "OTHER");

  private List<String> rootCauses = ROOT_CAUSES;

  static final List<String> OUTCOMES = List.of("RECOVERED", "NOT_REACHED", "NOT_RECOVERABLE");

  AlertsPanel(
      Consumer<String> onAcknowledge,
      Consumer<String> onContact,
      Consumer<Resolution> onResolve,
      Consumer<Boolean> onShowResolved,
      Function<String, Mono<AlertCase>> loadCase,
      BiFunction<String, String, Mono<AlertCase>> assign) {
    this.onAcknowledge = onAcknowledge;
    this.onContact = onContact;
    this.onResolve = onResolve;
    this.loadCase = loadCase;
    this.assign = assign;
    addClassNames("pulse-card", "pulse-alerts");
    setId("alerts");
    showResolved.setLabel(getTranslation("alerts.show-resolved"));
    showResolved.setId("alerts-show-resolved");
    showResolved.addValueChangeListener(e -> onShowResolved.accept(e.getValue()));
    summary.setId("alerts-summary");
    list.addClassName("pulse-alert-list");
    Div head = new Div(new H2(getTranslation("alerts.title")), showResolved);
    head.addClassName("pulse-card-head");
    readOnly.setId("alerts-read-only");
    readOnly.addClassName("pulse-muted");
    readOnly.setText(getTranslation("alerts.read-only"));
    readOnly.setVisible(false);
    add(head, summary, readOnly, list);
  }

  /**
   * Whether this session may acknowledge and resolve these alerts (the dealer's managers); others
   * see them without the buttons, and a line saying who acts on them.
   */
  void setHandling(boolean handling) {
    this.handling = handling;
    shown = null;
    readOnly.setVisible(!handling);
  }

  /** The root causes the backend accepts (its {@code pulse.cases.root-causes}). */
  void setRootCauses(List<String> causes) {
    if (!causes.isEmpty()) {
      rootCauses = List.copyOf(causes);
    }
  }

  List<String> rootCauses() {
    return rootCauses;
  }

  void show(List<Alert> alerts, Formats formats) {
    // A re-read that changed nothing leaves the rows alone: no flicker, and a click on a button
    // that is being pressed right now is not lost to a re-render.
    if (alerts.equals(shown) && formats.equals(shownWith)) {
      return;
    }
    shown = List.copyOf(alerts);
    shownWith = formats;
    list.removeAll();
    long open = alerts.stream().filter(a -> !a.isResolved()).count();
    long overdue = alerts.stream().filter(Alert::overdue).count();
    summary.setText(
        alerts.isEmpty()
            ? getTranslation("alerts.none")
            : getTranslation("alerts.summary", formats.count(open), formats.count(overdue)));
    alerts.forEach(a -> list.add(row(a, formats)));
  }

  void showUnavailable() {
    shown = null;
    summary.setText(getTranslation("backend.unreachable"));
  }

  private Div row(Alert a, Formats formats) {
    Div row = new Div();
    row.setId("alert-" + a.eventId());
    row.addClassNames("pulse-alert", a.status().name().toLowerCase(Locale.ROOT));
    row.getElement().setAttribute("data-status", a.status().name());
    Div head = new Div();
    head.addClassName("pulse-alert-head");
    if (a.overdue()) {
      row.addClassName("overdue");
      Icon icon = VaadinIcon.CLOCK.create();
      icon.getElement().setAttribute("aria-hidden", "true");
      Span overdue = new Span(icon, new Span(getTranslation("alerts.overdue")));
      overdue.addClassNames("pulse-badge", "error");
      overdue.addClassName("pulse-overdue");
      head.add(overdue);
    }
    Span status = new Span(getTranslation("alert-status." + a.status()));
    status.addClassNames("pulse-badge", "small", "status");
    head.add(status);
    for (String reason : a.reasons()) {
      Span r = new Span(Labels.alertReason(this, reason));
      r.addClassNames("pulse-badge", "small", "reason");
      head.add(r);
    }
    Span when =
        new Span(
            getTranslation(
                "alerts.created",
                formats.dateTime(a.createdAt()),
                Labels.of(this, "stage", a.stage())));
    when.addClassName("pulse-muted");
    head.add(when);
    row.add(head);
    // Early warnings say what moved.
    row.add(WarningTexts.of(a, getLocale()));
    if (a.comment() != null && !a.comment().isBlank()) {
      Paragraph comment = new Paragraph();
      comment.setText(personalData ? a.comment() : CommentMasking.mask(a.comment()));
      comment.addClassName("pulse-comment");
      row.add(comment);
    }
    if (a.note() != null && !a.note().isBlank()) {
      Paragraph note = new Paragraph();
      note.setText(getTranslation("alerts.note", a.note()));
      note.addClassName("pulse-muted");
      row.add(note);
    }
    Div actions = new Div();
    actions.addClassName("pulse-alert-actions");
    Button open = new Button(getTranslation("alerts.case"), VaadinIcon.FOLDER_OPEN_O.create());
    open.addClassName("case");
    open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    open.addClickListener(
        e -> new CaseDialog(a.eventId().toString(), handling, formats, loadCase, assign).open());
    actions.add(open);
    if (handling && a.isOpen()) {
      Button ack = new Button(getTranslation("alerts.acknowledge"), VaadinIcon.EYE.create());
      ack.addClassName("acknowledge");
      ack.addThemeVariants(ButtonVariant.LUMO_SMALL);
      ack.addClickListener(e -> onAcknowledge.accept(a.eventId().toString()));
      actions.add(ack);
    }
    if (handling && !a.isResolved()) {
      Button reached = new Button(getTranslation("alerts.contacted"), VaadinIcon.PHONE.create());
      reached.addClassName("contact");
      reached.addThemeVariants(ButtonVariant.LUMO_SMALL);
      reached.addClickListener(e -> onContact.accept(a.eventId().toString()));
      actions.add(reached);
      Button resolve = new Button(getTranslation("alerts.resolve"), VaadinIcon.CHECK.create());
      resolve.addClassName("resolve");
      resolve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
      resolve.addClickListener(e -> openResolveDialog(a));
      actions.add(resolve);
    }
    row.add(actions);
    return row;
  }

  private void openResolveDialog(Alert a) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle(getTranslation("alerts.resolve-title"));
    TextArea note = new TextArea(getTranslation("alerts.resolve-note"));
    note.setId("resolve-note");
    note.setRequired(true);
    note.setMaxLength(2000);
    note.setWidth("100%");
    Select<String> cause = new Select<>();
    cause.setId("resolve-cause");
    cause.setLabel(getTranslation("alerts.root-cause"));
    cause.setEmptySelectionAllowed(true);
    cause.setItems(rootCauses);
    // A cause configured beyond the known ones has no translation: it shows as its code, humanized.
    cause.setItemLabelGenerator(c -> c == null ? "" : Labels.of(this, "root-cause", c));
    Select<String> outcome = new Select<>();
    outcome.setId("resolve-outcome");
    outcome.setLabel(getTranslation("alerts.outcome"));
    outcome.setEmptySelectionAllowed(true);
    outcome.setItems(OUTCOMES);
    outcome.setItemLabelGenerator(o -> o == null ? "" : getTranslation("outcome." + o));
    Button confirm = new Button(getTranslation("alerts.resolve"));
    confirm.setId("resolve-confirm");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    confirm.addClickListener(e -> {
      if (note.getValue() == null || note.getValue().isBlank()) {
        note.setInvalid(true);
        note.setErrorMessage(getTranslation("alerts.resolve-note-required"));
        return;
      }
      onResolve.accept(
          new Resolution(
              a.eventId().toString(),
              note.getValue().strip(),
              cause.getValue(),
              outcome.getValue()));
      dialog.close();
    });
    Button cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
    dialog.add(new Div(note, cause, outcome));
    dialog.getFooter().add(cancel, confirm);
    dialog.open();
  }

  /** Whether comments show telephone numbers and e-mail addresses (admins) or hide them. */
  void showPersonalData(boolean show) {
    personalData = show;
  }
}
