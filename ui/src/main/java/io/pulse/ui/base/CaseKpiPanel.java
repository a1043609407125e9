package io.pulse.ui.base;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.pulse.api.CaseKpis;
import org.jspecify.annotations.Nullable;

/**
 * How the alerts of a dealer or a brand were handled as cases over the last 30 days: contacted
 * within the SLA, median hours to the first contact and to resolution, recovered share.
 */
public class CaseKpiPanel extends Div {

  private final Span contacted = value("case-contacted");
  private final Span toContact = value("case-hours-contact");
  private final Span toResolve = value("case-hours-resolve");
  private final Span recovered = value("case-recovered");
  private final Span thanked = value("case-thanked");
  private final Paragraph summary = new Paragraph();

  public CaseKpiPanel() {
    addClassNames("pulse-card", "pulse-case-kpis");
    setId("case-kpis");
    summary.setId("case-summary");
    summary.addClassName("pulse-muted");
    Div figures =
        new Div(
            figure("cases.contacted", contacted),
            figure("cases.hours-contact", toContact),
            figure("cases.hours-resolve", toResolve),
            figure("cases.recovered", recovered),
            figure("cases.thanked", thanked));
    figures.addClassName("pulse-case-figures");
    add(new H2(getTranslation("cases.title")), summary, figures);
  }

  public void show(CaseKpis k, Formats formats) {
    summary.setText(getTranslation("cases.summary", k.days(), formats.count(k.cases())));
    contacted.setText(share(k.contactedWithinSlaShare()));
    toContact.setText(hours(k.medianHoursToFirstContact()));
    toResolve.setText(hours(k.medianHoursToResolution()));
    recovered.setText(share(k.recoveredShare()));
    thanked.setText(formats.count(k.thanked()) + " / " + formats.count(k.celebrations()));
  }

  public void showUnavailable() {
    summary.setText(getTranslation("backend.unreachable"));
  }

  private Div figure(String label, Span value) {
    Div f = new Div(new Span(getTranslation(label)), value);
    f.addClassName("pulse-case-figure");
    return f;
  }

  private static Span value(String id) {
    Span s = new Span(Formats.NONE);
    s.setId(id);
    s.addClassName("pulse-case-value");
    return s;
  }

  private static String share(@Nullable Double share) {
    return share == null ? Formats.NONE : Math.round(share * 100) + " %";
  }

  private String hours(@Nullable Double hours) {
    return hours == null ? Formats.NONE : getTranslation("cases.hours", hours);
  }
}
