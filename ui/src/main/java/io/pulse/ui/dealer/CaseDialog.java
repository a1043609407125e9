package io.pulse.ui.dealer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.pulse.api.AlertCase;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One alert as a case: who has it, every step with who took it and when, and whether the customer
 * answered again — happier or not. The dealer's managers also assign it here. Everything from the
 * backend is set as text.
 */
class CaseDialog extends Dialog {

  private final Div body = new Div();

  CaseDialog(
      String eventId,
      boolean handling,
      Formats formats,
      Function<String, Mono<AlertCase>> load,
      BiFunction<String, String, Mono<AlertCase>> assign) {
    setHeaderTitle(getTranslation("case.title"));
    setId("case-dialog");
    body.setId("case-body");
    body.setMaxWidth("36rem");
    add(body);
    getFooter().add(new Button(getTranslation("common.close"), e -> close()));
    UI ui = UI.getCurrent();
    load.apply(eventId)
        .subscribe(
            c -> ui.access(() -> show(c, handling, formats, eventId, assign)),
            e -> ui.access(() -> body.add(new Paragraph(getTranslation("case.unavailable")))));
  }

  private void show(
      AlertCase c,
      boolean handling,
      Formats formats,
      String eventId,
      BiFunction<String, String, Mono<AlertCase>> assign) {
    body.removeAll();
    Paragraph who =
        new Paragraph(
            c.assignee() == null
                ? getTranslation("case.unassigned")
                : getTranslation("case.assignee", c.assignee()));
    who.setId("case-assignee");
    body.add(who);
    if (handling && !c.alert().isResolved()) {
      TextField name = new TextField(getTranslation("case.assign-to"));
      name.setId("case-assign-name");
      name.setMaxLength(200);
      Button give = new Button(getTranslation("case.assign"));
      give.setId("case-assign");
      give.addThemeVariants(ButtonVariant.LUMO_SMALL);
      UI ui = UI.getCurrent();
      give.addClickListener(e -> {
        String n = name.getValue() == null ? "" : name.getValue().strip();
        if (!n.isEmpty()) {
          assign
              .apply(eventId, n)
              .subscribe(
                  next -> ui.access(() -> show(next, handling, formats, eventId, assign)),
                  err -> ui.access(() -> name.setErrorMessage(getTranslation("alerts.failed"))));
        }
      });
      Div row = new Div(name, give);
      row.addClassName("pulse-case-assign");
      body.add(row);
    }
    if (c.rootCause() != null || c.outcome() != null) {
      body.add(
          new Paragraph(
              (c.rootCause() == null ? "" : Labels.of(this, "root-cause", c.rootCause()))
                  + (c.rootCause() != null && c.outcome() != null ? " · " : "")
                  + (c.outcome() == null ? "" : Labels.of(this, "outcome", c.outcome()))));
    }
    body.add(new H3(getTranslation("case.history")));
    Div steps = new Div();
    steps.setId("case-history");
    if (c.history().isEmpty()) {
      steps.add(new Paragraph(getTranslation("case.no-steps")));
    }
    for (AlertCase.Step s : c.history()) {
      Paragraph step = new Paragraph();
      step.addClassName("pulse-case-step");
      step.setText(
          formats.dateTime(s.at())
              + " · "
              + s.actor()
              + " · "
              + Labels.of(this, "case-step", s.action())
              + (s.detail() == null ? "" : " — " + s.detail()));
      steps.add(step);
    }
    body.add(steps);
    body.add(new H3(getTranslation("case.later")));
    Div later = new Div();
    later.setId("case-later");
    if (c.laterAnswers().isEmpty()) {
      later.add(new Paragraph(getTranslation("case.no-later")));
    }
    for (AlertCase.LaterAnswer a : c.laterAnswers()) {
      Span badge = new Span(getTranslation(a.happier() ? "case.happier" : "case.not-happier"));
      badge.addClassNames("pulse-badge", "small", a.happier() ? "strength" : "weak");
      Paragraph line =
          new Paragraph(
              formats.dateTime(a.occurredAt())
                  + " · "
                  + Labels.of(this, "stage", a.stage())
                  + " · "
                  + getTranslation(
                      "case.score", formats.score(a.scoreBefore()), formats.score(a.score())));
      later.add(new Div(line, badge));
    }
    body.add(later);
  }
}
