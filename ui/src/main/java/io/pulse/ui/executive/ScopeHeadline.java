package io.pulse.ui.executive;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.IndexView;
import io.pulse.ui.base.Flash;
import io.pulse.ui.base.Formats;
import java.util.Objects;

/** The live headline of a brand or brand × region: CSI, NPS ± margin, responses. */
class ScopeHeadline extends Div {

  private final Span csi = value("scope-csi");
  private final Span nps = value("scope-nps");
  private final Span npsMargin = new Span();
  private final Span responses = value("scope-responses");
  private final Span lowSample = new Span();

  ScopeHeadline() {
    addClassName("pulse-headline");
    npsMargin.addClassName("pulse-kpi-detail");
    lowSample.addClassNames("pulse-badge", "warning");
    lowSample.setVisible(false);
    add(
        card(getTranslation("headline.csi"), csi),
        card(getTranslation("headline.nps"), nps, npsMargin),
        card(getTranslation("headline.responses"), responses, lowSample));
  }

  void show(IndexView f, Formats formats) {
    set(csi, formats.score(f.csi()));
    set(nps, f.nps().score() == null ? Formats.NONE : formats.signed(f.nps().score()));
    npsMargin.setText(
        f.nps().marginOfError() == null
            ? ""
            : getTranslation(
                "headline.nps-margin",
                formats.score(f.nps().marginOfError()),
                formats.count(f.nps().answers())));
    set(responses, formats.count(f.responses()));
    lowSample.removeAll();
    if (f.lowSample()) {
      Icon icon = VaadinIcon.EXCLAMATION_CIRCLE_O.create();
      icon.getElement().setAttribute("aria-hidden", "true");
      lowSample.add(icon, new Span(getTranslation("headline.low-sample")));
    }
    lowSample.setVisible(f.lowSample());
  }

  private static void set(Span span, String text) {
    if (!Objects.equals(span.getText(), text)) {
      boolean first = span.getText() == null || span.getText().isEmpty();
      span.setText(text);
      if (!first) {
        Flash.changed(span);
      }
    }
  }

  private static Div card(String title, com.vaadin.flow.component.Component... parts) {
    Div card = new Div();
    card.addClassNames("pulse-card", "pulse-kpi");
    Span label = new Span(title);
    label.addClassName("pulse-kpi-label");
    card.add(label);
    card.add(parts);
    return card;
  }

  private static Span value(String id) {
    Span s = new Span();
    s.setId(id);
    s.addClassName("pulse-kpi-value");
    return s;
  }
}
