package io.pulse.ui.executive;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.pulse.api.Analytics.FlaggedDealer;
import io.pulse.api.Analytics.IntegrityReport;
import io.pulse.api.IntegrityFlag;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import io.pulse.ui.dealer.DealerCabinetView;

/** Dealers whose scores look too good to be true, strongest first, each flag with its reason. */
class IntegrityPanel extends Div {

  private static final int SHOWN = 12;
  private final Paragraph summary = new Paragraph();
  private final Div list = new Div();

  IntegrityPanel() {
    addClassNames("pulse-card", "pulse-integrity");
    setId("integrity");
    summary.addClassName("pulse-muted");
    add(new H2(getTranslation("integrity.title")), summary, list);
  }

  void show(IntegrityReport report, Formats formats) {
    summary.setText(
        getTranslation(
            "integrity.summary",
            formats.count(report.flagged().size()),
            formats.count(report.dealersChecked())));
    list.removeAll();
    report.flagged().stream().limit(SHOWN).forEach(f -> list.add(row(f, formats)));
  }

  private Div row(FlaggedDealer f, Formats formats) {
    Div row = new Div();
    row.addClassName("pulse-flagged");
    row.setId("flagged-" + f.dealer().id());
    RouterLink link =
        new RouterLink(
            f.dealer().label(),
            DealerCabinetView.class,
            new RouteParameters("dealerId", f.dealer().id()));
    Span where =
        new Span(
            getTranslation("integrity.where", f.region().label(), formats.count(f.responses())));
    where.addClassName("pulse-muted");
    Div head = new Div(link, where);
    head.addClassName("pulse-flagged-head");
    row.add(head);
    for (IntegrityFlag flag : f.flags()) {
      Icon icon = VaadinIcon.FLAG.create();
      icon.getElement().setAttribute("aria-hidden", "true");
      Span kind = new Span(icon, new Span(Labels.of(this, "flag", flag.kind())));
      kind.addClassNames("pulse-badge", "warning", "small");
      // The backend's reason, in the session's language: plain text.
      Span reason = new Span(flag.reason());
      reason.addClassName("pulse-reason");
      Div line = new Div(kind, reason);
      line.addClassName("pulse-flag-line");
      row.add(line);
    }
    return row;
  }
}
